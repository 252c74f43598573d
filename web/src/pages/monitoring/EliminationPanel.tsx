import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Input, List, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { showError, showSuccess } from '../../api/errors';
import { monitoringApi, useEliminationCheck, useMonitoringMutation, type CaseDetail, type EliminationCheck } from '../../api/monitoring';
import { useT } from '../../i18n';
import { toDateString } from '../../utils/format';

export function CheckList({ checks, testId }: { checks: EliminationCheck[]; testId?: string }) {
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={checks}
      renderItem={(c) => (
        <List.Item data-testid={`check-${c.code}`} data-ok={c.ok ? 'yes' : 'no'}>
          {c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#f5222d" />} {c.detailZh}
        </List.Item>
      )}
    />
  );
}

/** 风险消除: the conditions as the system sees them today, the village's proposal, and the office's audited override. */
export function EliminationPanel({ c }: { c: CaseDetail }) {
  const t = useT();
  // The proposal's date: today, or the day the village proposed it when the record is entered afterwards.
  const [on, setOn] = useState<string | undefined>();
  const check = useEliminationCheck(c.id, c.status === 'monitored', on);
  const [reason, setReason] = useState('');
  const propose = useMonitoringMutation(() => monitoringApi.propose(c.id, { version: c.version, ...(on ? { proposedOn: on } : {}) }));
  const override = useMonitoringMutation(() => monitoringApi.override(c.id, c.version, reason));
  if (c.status !== 'monitored') return null;
  const result = check.data;
  return (
    <Card size="small" title={t('monitoring.elimination')} loading={check.isLoading} data-testid="elimination-panel">
      {c.safetyNetSince && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('monitoring.safetyNet', { date: c.safetyNetSince })} />}
      {result && (
        <>
          <Flex gap={8} align="center">
            <Typography.Text strong>{t('monitoring.checks')}</Typography.Text>
            <Tag color={result.passed ? 'green' : 'red'} data-testid="checks-result">
              {result.passed ? t('monitoring.checksPassed') : t('monitoring.checksFailed')}
            </Tag>
          </Flex>
          <CheckList checks={result.checks} testId="elimination-checks" />
        </>
      )}
      {c.override && (
        <Alert type="info" showIcon style={{ margin: '8px 0' }} data-testid="override-shown" message={t('monitoring.overrideShown', { by: c.override.by ?? '', reason: c.override.reason })} />
      )}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <DatePicker placeholder={t('monitoring.proposedOn')} onChange={(v) => setOn(toDateString(v) ?? undefined)} data-testid="elimination-date" />
        {c.allowed.canPropose && (
          <Button
            type="primary"
            loading={propose.isPending}
            data-testid="elimination-propose"
            onClick={() => propose.mutate(undefined, { onSuccess: () => showSuccess(t('monitoring.proposed')), onError: showError })}
          >
            {t('monitoring.propose')}
          </Button>
        )}
        {c.allowed.canOverride && result && !result.passed && !result.noLabour && !c.override && (
          <>
            <Input style={{ width: 320 }} placeholder={t('monitoring.overrideReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="override-reason" />
            <Button danger disabled={!reason.trim()} loading={override.isPending} data-testid="override-submit" onClick={() => override.mutate(undefined, { onError: showError })}>
              {t('monitoring.override')}
            </Button>
          </>
        )}
      </Flex>
    </Card>
  );
}
