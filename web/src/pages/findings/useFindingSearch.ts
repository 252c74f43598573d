import { FINDING_SORTS, FINDING_STATUSES, type FindingFilters, type FindingSort } from '../../api/findings';
import { SEVERITIES } from '../../api/rules';
import { oneOf, toId, useSearchState } from '../rules/useSearchState';

const KEYS = ['ruleCode', 'severity', 'department', 'status', 'areaId', 'householdNo', 'q', 'sort', 'finding'] as const;
export type FindingSearchKey = (typeof KEYS)[number];

/** The findings page's filters, sort, page and open finding, all in the URL (links from rules, runs, households). */
export function useFindingSearch() {
  const state = useSearchState(KEYS);
  const v = state.values;
  const filters: FindingFilters = {
    ruleCode: v.ruleCode,
    severity: oneOf(v.severity, SEVERITIES),
    department: v.department,
    status: oneOf(v.status, FINDING_STATUSES),
    areaId: toId(v.areaId),
    householdNo: v.householdNo,
    q: v.q,
  };
  const sort: FindingSort | undefined = oneOf(v.sort, FINDING_SORTS);
  return { ...state, filters, sort, openId: toId(v.finding) };
}
