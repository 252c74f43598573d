import { Tag } from 'antd';
import type { RunStatus, Severity } from '../../api/rules';
import { isRunActive } from '../../api/rules';
import { LoadingOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';

const SEVERITY_COLOURS: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' };

export function SeverityTag({ severity }: { severity: string }) {
  const t = useT();
  const known = severity in SEVERITY_COLOURS ? (severity as Severity) : undefined;
  return <Tag color={known ? SEVERITY_COLOURS[known] : 'default'}>{known ? t(`rules.severity.${known}`) : severity}</Tag>;
}

/** `data-enabled` carries the raw value for tests. */
export function EnabledTag({ enabled, testId }: { enabled: boolean; testId?: string }) {
  const t = useT();
  return (
    <Tag color={enabled ? 'green' : 'default'} data-testid={testId} data-enabled={String(enabled)}>
      {enabled ? t('rules.enabled') : t('rules.disabled')}
    </Tag>
  );
}

const RUN_COLOURS: Record<RunStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

export function RunStatusTag({ status, testId }: { status: RunStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={RUN_COLOURS[status]} icon={isRunActive(status) ? <LoadingOutlined /> : undefined} data-testid={testId} data-status={status}>
      {t(`ruleRun.status.${status}`)}
    </Tag>
  );
}
