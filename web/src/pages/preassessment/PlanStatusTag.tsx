import { Tag } from 'antd';
import type { PlanSummary } from '../../api/preassessment';
import { useT } from '../../i18n';

export function PlanStatusTag({ status }: { status: PlanSummary['status'] }) {
  const t = useT();
  return (
    <Tag color={status === 'accepted' ? 'green' : 'gold'} data-testid="plan-status">
      {t(`pre.status.${status}`)}
    </Tag>
  );
}
