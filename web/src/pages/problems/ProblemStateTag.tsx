import { Space, Tag } from 'antd';
import type { Finding, ProblemState } from '../../api/findings';
import { useT } from '../../i18n';

const COLOURS: Record<ProblemState, string> = {
  pending: 'default',
  confirmed: 'orange',
  rejected: 'purple',
  rectifying: 'blue',
  rectified: 'cyan',
  closed_off: 'green',
};

/** A problem's workflow state (`data-state` for tests) with its marks: 逾期, 整改不实 (red), 挂牌督办. */
export function ProblemStateTag({ problem, testId }: { problem: Pick<Finding, 'state' | 'overdue' | 'falseRectification' | 'supervised'>; testId?: string }) {
  const t = useT();
  return (
    <Space size={2} wrap>
      <Tag color={COLOURS[problem.state]} data-testid={testId} data-state={problem.state}>
        {t(`problems.state.${problem.state}`)}
      </Tag>
      {problem.overdue && <Tag color="volcano">{t('problems.overdue')}</Tag>}
      {problem.falseRectification && (
        <Tag color="red" data-testid={testId ? `${testId}-false` : undefined}>
          {t('problems.falseRectification')}
        </Tag>
      )}
      {problem.supervised && <Tag color="magenta">{t('problems.supervised')}</Tag>}
    </Space>
  );
}
