import { Col, DatePicker, Divider, Form, Input, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useCodeOptions } from '../../../api/codes';
import { reportSaveError, showSuccess } from '../../../api/errors';
import { useAddMember, useUpdateMember, type MemberInput, type MemberJoinKind } from '../../../api/households';
import type { Member } from '../../../api/types';
import { FormFields } from '../../../components/fields/FormFields';
import { changedValues, fromFormValues, toFormValues, type FormValues } from '../../../components/fields/fieldDefs';
import { useT } from '../../../i18n';
import { toDateString } from '../../../utils/format';
import { birthDateOf, isValidIdNumber, normaliseIdNumber, sexOf } from '../../../utils/idNumber';
import { DERIVED_MEMBER_FIELDS, EDITABLE_MEMBER_FIELDS, MEMBER_FIELDS } from './fields';
import { testId } from '../../../utils/testId';

const JOIN_KINDS: MemberJoinKind[] = ['birth', 'marriage_in', 'moved_in', 'joined'];

interface Props {
  householdId: number;
  /** Absent when adding a member. */
  member: Member | undefined;
  open: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/** The server nests the new member and its event; the form is flat. */
function mapAddPath(path: (string | number)[]): (string | number)[] | null {
  const [head, field, ...rest] = path;
  if (head === 'member' && field !== undefined) return [field, ...rest];
  if (head === 'event') return field === 'kind' ? ['eventKind'] : field === 'occurredOn' ? ['occurredOn'] : field === 'note' ? ['eventNote'] : null;
  return path;
}

export function MemberFormModal({ householdId, member, open, onClose, onReload }: Props) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const add = useAddMember(householdId);
  const update = useUpdateMember(householdId);
  const eventOptions = useCodeOptions('memberEventKind').filter((o) => (JOIN_KINDS as string[]).includes(o.value));
  const editing = member !== undefined;

  const initialValues: FormValues = editing
    ? { ...toFormValues(MEMBER_FIELDS, member), idNumber: '' }
    : { ...toFormValues(MEMBER_FIELDS, { ethnicity: 'han', dibao: false, tekun: false, welfarePost: false }), eventKind: 'joined', occurredOn: dayjs() };

  // Sex and birth date are encoded in the ID number and must agree with it: fill them in as soon as it is valid.
  const onValuesChange = (changed: FormValues) => {
    const raw = changed['idNumber'];
    if (typeof raw === 'string' && isValidIdNumber(raw)) {
      const id = normaliseIdNumber(raw);
      form.setFieldsValue({ sex: sexOf(id), birthDate: dayjs(birthDateOf(id)) });
    }
  };

  const submit = async (values: FormValues) => {
    const idNumber = typeof values['idNumber'] === 'string' ? normaliseIdNumber(values['idNumber']) : '';
    try {
      if (member) {
        const changes = changedValues(EDITABLE_MEMBER_FIELDS, member, values) as MemberInput;
        if (idNumber) changes.idNumber = idNumber;
        if (Object.keys(changes).length > 0) await update.mutateAsync({ id: member.id, version: member.version, changes });
      } else {
        const input = { ...fromFormValues(EDITABLE_MEMBER_FIELDS, values), idNumber } as MemberInput;
        const note = typeof values['eventNote'] === 'string' && values['eventNote'].trim() ? values['eventNote'].trim() : null;
        await add.mutateAsync({
          member: input,
          event: { kind: values['eventKind'] as MemberJoinKind, occurredOn: toDateString(values['occurredOn'] as dayjs.Dayjs) ?? '', note },
        });
      }
      showSuccess(t('detail.saved'));
      onClose();
    } catch (err) {
      reportSaveError(err, {
        form,
        mapPath: editing ? undefined : mapAddPath,
        onReload: () => {
          onClose();
          void onReload();
        },
      });
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `${t('member.edit')}：${member.name}` : t('member.add')}
      width={880}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending || update.isPending}
      okButtonProps={testId('member-save')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onValuesChange={onValuesChange} onFinish={(v) => void submit(v)}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="idNumber"
              label={t('f.idNumber')}
              extra={editing ? `${member.idNumber}（${t('common.leaveBlankToKeep')}）` : undefined}
              rules={[
                { required: !editing, message: t('common.required', { field: t('f.idNumber') }) },
                { validator: (_, v?: string) => (!v || isValidIdNumber(v) ? Promise.resolve() : Promise.reject(new Error(t('member.idInvalid')))) },
              ]}
            >
              <Input maxLength={20} autoComplete="off" data-testid="member-id-number" />
            </Form.Item>
          </Col>
        </Row>
        <FormFields defs={MEMBER_FIELDS} columns={2} disabled={DERIVED_MEMBER_FIELDS} />
        {!editing && (
          <>
            <Divider titlePlacement="start" plain>
              {t('member.eventKind')}
            </Divider>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="eventKind" label={t('member.eventKind')} rules={[{ required: true }]}>
                  <Select options={eventOptions} data-testid="member-event-kind" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="occurredOn" label={t('member.occurredOn')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="eventNote" label={t('common.note')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </Modal>
  );
}
