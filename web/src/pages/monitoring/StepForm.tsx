import { Button, Card, DatePicker, Form, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import { showError, showSuccess } from '../../api/errors';
import { monitoringApi, useMonitoringMutation, type CaseDetail, type StepInput } from '../../api/monitoring';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';

/** The step this user may do now: outcome, date, note; the notice asks for its period (at least 5 days). */
export function StepForm({ c }: { c: CaseDetail }) {
  const t = useT();
  const [form] = Form.useForm();
  const step = c.allowed.step!;
  const outcome = Form.useWatch<'pass' | 'reject' | undefined>('outcome', form);
  const save = useMonitoringMutation((body: StepInput) => monitoringApi.step(c.id, body));
  const submit = async () => {
    const v = await form.validateFields();
    const body: StepInput = { version: c.version, step, outcome: v.outcome, note: v.note ?? null };
    if (step === 'notice') {
      body.noticeStart = toDateString(v.notice[0])!;
      body.noticeEnd = toDateString(v.notice[1])!;
    } else if (v.performedOn) body.performedOn = toDateString(v.performedOn)!;
    save.mutate(body, { onSuccess: () => (form.resetFields(), showSuccess(t('monitoring.stepDone'))), onError: showError });
  };
  return (
    <Card size="small" title={t('monitoring.doStep', { step: t(`monitoring.step.${step}`) })} data-testid="step-form">
      <Form form={form} layout="inline" initialValues={{ outcome: 'pass', performedOn: dayjs() }} style={{ rowGap: 8 }}>
        <Form.Item name="outcome">
          <Radio.Group data-testid="step-outcome">
            <Radio.Button value="pass">{t('monitoring.pass')}</Radio.Button>
            <Radio.Button value="reject">{t('monitoring.reject')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {step === 'notice' ? (
          <Form.Item name="notice" label={t('monitoring.noticePeriod')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="step-notice-range" />
          </Form.Item>
        ) : (
          <Form.Item name="performedOn" label={t('monitoring.performedOn')}>
            <DatePicker data-testid="step-date" />
          </Form.Item>
        )}
        <Form.Item name="note" label={outcome === 'reject' ? t('monitoring.rejectReason') : t('common.note')} rules={[{ required: outcome === 'reject' }]}>
          <Input style={{ width: 280 }} maxLength={1000} data-testid="step-note" />
        </Form.Item>
        <Button type="primary" onClick={submit} loading={save.isPending} data-testid="step-submit">
          {t('common.ok')}
        </Button>
      </Form>
    </Card>
  );
}
