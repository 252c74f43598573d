import { useEffect } from 'react';
import { Button, Card, Form, InputNumber, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { showError, showSuccess } from '../../api/errors';
import { monitoringApi, useMonitoringMutation } from '../../api/monitoring';
import { useT } from '../../i18n';

/** The procedure's time limit and the minimum time before elimination (city office); the standards it also reads. */
export function SettingsCard({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['monitoring', 'settings'], queryFn: monitoringApi.settings });
  const save = useMonitoringMutation(monitoringApi.saveSettings);
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  const d = q.data;
  return (
    <Card size="small" title={t('monitoring.settings')} loading={q.isLoading}>
      <Form form={form} layout="inline" disabled={!canEdit} style={{ rowGap: 8 }}>
        <Form.Item name="procedureDaysLimit" label={t('monitoring.procedureDaysLimit')}>
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item name="minMonthsSinceIdentification" label={t('monitoring.minMonthsSinceIdentification')}>
          <InputNumber min={0} max={120} />
        </Form.Item>
        {canEdit && (
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => {
              const v = form.getFieldsValue() as { procedureDaysLimit: number; minMonthsSinceIdentification: number };
              save.mutate(v, { onSuccess: () => showSuccess(t('monitoring.saved')), onError: showError });
            }}
          >
            {t('common.save')}
          </Button>
        )}
      </Form>
      {d && (
        <Typography.Text type="secondary">
          {t('monitoring.settingsStandards', { notice: d.noticeDaysMin, months: d.incomeMonthsMin, line: d.monitoringLine ?? '—' })}
        </Typography.Text>
      )}
    </Card>
  );
}
