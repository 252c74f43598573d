import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCodeOptions } from '../../../api/codes';
import { reportSaveError, showSuccess } from '../../../api/errors';
import { useEndMember, type MemberEndKind } from '../../../api/households';
import type { Member } from '../../../api/types';
import { useT } from '../../../i18n';
import { toDateString } from '../../../utils/format';
import { testId } from '../../../utils/testId';

const END_KINDS: MemberEndKind[] = ['death', 'marriage_out', 'moved_out', 'imprisoned', 'military', 'other_out'];

interface Props {
  householdId: number;
  member: Member | undefined;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

interface Values {
  kind: MemberEndKind;
  occurredOn: Dayjs;
  note?: string;
}

/** 自然减员: the member leaves the household through a dated event; the record itself is kept. */
export function EndMemberModal({ householdId, member, onClose, onReload }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const end = useEndMember(householdId);
  const options = useCodeOptions('memberEventKind').filter((o) => (END_KINDS as string[]).includes(o.value));

  const submit = async (values: Values) => {
    if (!member) return;
    try {
      await end.mutateAsync({
        id: member.id,
        version: member.version,
        kind: values.kind,
        occurredOn: toDateString(values.occurredOn) ?? '',
        note: values.note?.trim() || null,
      });
      showSuccess(t('detail.saved'));
      onClose();
    } catch (err) {
      reportSaveError(err, {
        form,
        onReload: () => {
          onClose();
          void onReload();
        },
      });
    }
  };

  return (
    <Modal
      open={member !== undefined}
      title={t('member.endTitle')}
      okText={t('common.ok')}
      okButtonProps={{ danger: true, ...testId('member-end-submit') }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={end.isPending}
      destroyOnHidden
    >
      {member && (
        <Typography.Paragraph>
          {t('f.name')}：<Typography.Text strong>{member.name}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ occurredOn: dayjs() }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('member.eventKind')} rules={[{ required: true, message: t('common.required', { field: t('member.eventKind') }) }]}>
          <Select options={options} data-testid="member-end-kind" />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('member.occurredOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
