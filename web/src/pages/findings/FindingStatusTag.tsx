import { Tag } from 'antd';
import type { FindingStatus } from '../../api/findings';
import { useT } from '../../i18n';

const COLOURS: Record<FindingStatus, string> = { open: 'red', exempted: 'gold', closed: 'green' };

/** A finding's status; `data-status` carries the raw value for tests. */
export function FindingStatusTag({ status, testId }: { status: FindingStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status]} data-testid={testId} data-status={status}>
      {t(`findings.status.${status}`)}
    </Tag>
  );
}
