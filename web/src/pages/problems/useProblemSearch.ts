import { PROBLEM_STATES } from '../../api/findings';
import type { ProblemFilters } from '../../api/problems';
import { oneOf, toId, useSearchState } from '../rules/useSearchState';

const KEYS = ['state', 'department', 'countyId', 'ruleCode', 'areaId', 'overdue', 'falseRectification', 'supervised', 'returned', 'q', 'problem'] as const;
export type ProblemSearchKey = (typeof KEYS)[number];

const flag = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : undefined);

/** The problem list's filters, page and open problem in the URL, so inbox links and bookmarks land on the same list. */
export function useProblemSearch() {
  const state = useSearchState(KEYS);
  const v = state.values;
  const filters: ProblemFilters = {
    state: oneOf(v.state, PROBLEM_STATES),
    department: v.department,
    countyId: toId(v.countyId),
    ruleCode: v.ruleCode,
    areaId: toId(v.areaId),
    overdue: flag(v.overdue),
    falseRectification: flag(v.falseRectification),
    supervised: flag(v.supervised),
    returned: flag(v.returned),
    q: v.q,
  };
  return { ...state, filters, openId: toId(v.problem) };
}
