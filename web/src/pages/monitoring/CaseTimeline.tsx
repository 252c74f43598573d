import { Tag, Timeline, Typography } from 'antd';
import type { CaseDetail } from '../../api/monitoring';
import { useT } from '../../i18n';
import { CheckList } from './EliminationPanel';

/** The steps as done: date, days since the previous one, who, outcome, note; the notice period; a proposal's checks. */
export function CaseTimeline({ c }: { c: CaseDetail }) {
  const t = useT();
  return (
    <Timeline
      data-testid="case-timeline"
      items={c.steps.map((s) => ({
        color: s.outcome === 'reject' ? 'red' : 'green',
        children: (
          <div data-testid={`timeline-${s.phase}-${s.step}`}>
            <Typography.Text strong>
              {t(`monitoring.phase.${s.phase}`)} · {t(`monitoring.step.${s.step}`)}
            </Typography.Text>{' '}
            <Tag color={s.outcome === 'reject' ? 'red' : 'green'}>{s.outcome === 'reject' ? t('monitoring.reject') : t('monitoring.pass')}</Tag>
            <div>
              {s.performedOn} · {t('monitoring.daysTaken', { n: s.days })} · {s.by}
            </div>
            {s.noticeStart && <div>{t('monitoring.noticePeriod')}：{s.noticeStart} ~ {s.noticeEnd}</div>}
            {s.note && <div>{s.note}</div>}
            {s.overrideReason && <div>{t('monitoring.overrideReason')}：{s.overrideReason}</div>}
            {s.checks && <CheckList checks={s.checks} />}
          </div>
        ),
      }))}
    />
  );
}
