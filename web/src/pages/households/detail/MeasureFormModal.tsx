import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCodeLabel, useCodeOptions } from '../../../api/codes';
import { reportSaveError, showSuccess } from '../../../api/errors';
import { PAYING_KINDS, useAddMeasure, useEndMeasure, type Measure } from '../../../api/measures';
import type { HouseholdDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { DATE_FORMAT, toDateString } from '../../../utils/format';
import { testId } from '../../../utils/testId';

interface AddValues {
  kind: string;
  memberId?: number;
  startOn: Dayjs;
  endOn?: Dayjs | null;
  yearlyValue?: number | null;
  responsibleUnit?: string;
  note?: string;
}

/** 新增帮扶措施 (POST /api/households/:id/measures). The yearly value is asked only for kinds that are income. */
export function MeasureFormModal({ household, open, onClose }: { household: HouseholdDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AddValues>();
  const kinds = useCodeOptions('measureKind');
  const add = useAddMeasure(household.id);
  const kind = Form.useWatch('kind', form);
  const members = household.members.filter((m) => !m.endedOn).map((m) => ({ value: m.id, label: m.name }));

  const submit = async (v: AddValues) => {
    try {
      await add.mutateAsync({
        kind: v.kind,
        memberId: v.memberId ?? null,
        startOn: toDateString(v.startOn)!,
        endOn: toDateString(v.endOn ?? null),
        yearlyValue: PAYING_KINDS.includes(v.kind) ? (v.yearlyValue ?? null) : null,
        responsibleUnit: v.responsibleUnit?.trim() || null,
        note: v.note?.trim() || null,
      });
      showSuccess(t('measures.saved'));
      onClose();
    } catch (err) {
      reportSaveError(err, { form, mapPath: (path) => (path.length ? [path[path.length - 1]!] : null) });
    }
  };

  return (
    <Modal
      open={open}
      title={t('measures.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={testId('measure-form-submit')}
      destroyOnHidden
    >
      <Form<AddValues> form={form} layout="vertical" autoComplete="off" initialValues={{ startOn: dayjs() }} onFinish={(v) => void submit(v)}>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('measures.kind')} rules={[{ required: true, message: t('common.required', { field: t('measures.kind') }) }]}>
              <Select options={kinds} showSearch={{ optionFilterProp: 'label' }} data-testid="measure-form-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="memberId" label={t('measures.member')}>
              <Select allowClear placeholder={t('measures.wholeHousehold')} options={members} data-testid="measure-form-member" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="startOn" label={t('measures.startOn')} rules={[{ required: true }]}>
              <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="endOn" label={t('measures.endOn')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {kind && PAYING_KINDS.includes(kind) && (
            <Col xs={24}>
              <Form.Item name="yearlyValue" label={t('measures.yearlyValue')} extra={t('measures.valueHint')}>
                <InputNumber<number> min={0} max={10_000_000} style={{ width: '100%' }} data-testid="measure-form-value" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item name="responsibleUnit" label={t('measures.responsibleUnit')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('measures.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

interface EndValues {
  endOn: Dayjs;
  reason: string;
}

/** 结束措施 (POST /api/measures/:id/end): a measure is never deleted, it ends on a date with a reason. */
export function MeasureEndModal({ householdId, measure, onClose }: { householdId: number; measure: Measure | null; onClose: () => void }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const [form] = Form.useForm<EndValues>();
  const end = useEndMeasure(householdId);
  const submit = async (v: EndValues) => {
    if (!measure) return;
    try {
      await end.mutateAsync({ id: measure.id, version: measure.version, endOn: toDateString(v.endOn)!, reason: v.reason.trim() });
      showSuccess(t('measures.endSaved'));
      onClose();
    } catch (err) {
      reportSaveError(err, { form, mapPath: (path) => (path.length ? [path[path.length - 1]!] : null), subject: 'record' });
    }
  };
  return (
    <Modal
      open={measure !== null}
      title={measure ? t('measures.endTitle', { kind: codeLabel('measureKind', measure.kind) }) : ''}
      okText={t('measures.end')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={end.isPending}
      okButtonProps={testId('measure-end-submit')}
      destroyOnHidden
    >
      <Form<EndValues> form={form} layout="vertical" initialValues={{ endOn: dayjs() }} onFinish={(v) => void submit(v)}>
        <Form.Item name="endOn" label={t('measures.endOn')} rules={[{ required: true }]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('measures.endReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('measures.endReason') }) }]}>
          <Input maxLength={200} data-testid="measure-end-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
