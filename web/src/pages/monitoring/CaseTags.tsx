import { Tag } from 'antd';
import type { CaseStatus } from '../../api/monitoring';
import { useT } from '../../i18n';

const COLOURS: Record<CaseStatus, string> = { in_procedure: 'processing', monitored: 'orange', eliminating: 'cyan', rejected: 'default', eliminated: 'green' };

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status]} data-testid={testId}>
      {t(`monitoring.status.${status}`)}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const t = useT();
  return overdue ? <Tag color="red">{t('monitoring.overdue')}</Tag> : null;
}
