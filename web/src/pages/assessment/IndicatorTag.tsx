import { Tag } from 'antd';
import type { AssessmentFact, IndicatorCode, IndicatorStatus } from '../../api/assessment';
import { useLang, useT, type MessageKey } from '../../i18n';

/** 达标 green, 未达标 red, 缺少数据 grey: the colours the household card, the list and the summary share. */
export const STATUS_COLOR: Record<IndicatorStatus, string> = { met: 'green', not_met: 'red', unknown: 'default' };

export const indicatorKey = (code: IndicatorCode) => `assessment.indicator.${code}` as MessageKey;
export const statusKey = (status: IndicatorStatus) => `assessment.status.${status}` as MessageKey;

/** One indicator's status as a coloured tag; with `withLabel` the indicator's name leads ("义务教育：未达标"). */
export function IndicatorTag({ code, status, withLabel = false, testId }: { code: IndicatorCode; status: IndicatorStatus; withLabel?: boolean; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status} style={{ marginInlineEnd: 4 }}>
      {withLabel ? `${t(indicatorKey(code))}：${t(statusKey(status))}` : t(statusKey(status))}
    </Tag>
  );
}

/** A fact in the reader's language (the server words it both ways). */
export function useFactText(): (f: AssessmentFact) => string {
  const [lang] = useLang();
  return (f) => (lang === 'zh' ? f.text : f.textEn);
}
