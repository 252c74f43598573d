/**
 * Cadre duty (帮扶干部、驻村、遍访): the roles a cadre holds, how a visit counts toward a secretary level's coverage,
 * and when a resident cadre's departure breaks the lock period. Pure logic, no I/O.
 */

/** 干部职责. A 帮扶责任人 helps households; residents (第一书记, 驻村工作队员) stay in a village; secretaries lead an area. */
export const CADRE_ROLES = [
  { code: 'helper', zh: '帮扶责任人', en: 'Household helper', target: 'household' },
  { code: 'first_secretary', zh: '第一书记', en: 'First secretary', target: 'village' },
  { code: 'work_team', zh: '驻村工作队员', en: 'Resident work-team member', target: 'village' },
  { code: 'secretary_city', zh: '市委书记', en: 'City secretary', target: 'city' },
  { code: 'secretary_county', zh: '县（市、区）委书记', en: 'County secretary', target: 'county' },
  { code: 'secretary_township', zh: '乡镇（街道）党委书记', en: 'Township secretary', target: 'township' },
  { code: 'secretary_village', zh: '村党支部书记', en: 'Village secretary', target: 'village' },
] as const;
export type CadreRole = (typeof CADRE_ROLES)[number]['code'];
export const CADRE_ROLE_CODES = CADRE_ROLES.map((r) => r.code) as [CadreRole, ...CadreRole[]];

/** Cadres who live in the village (驻村): the ones the "≥ 3 per provincial key village" and lock-period rules count. */
export const RESIDENT_ROLES: readonly CadreRole[] = ['first_secretary', 'work_team'];
export const MIN_RESIDENT_CADRES_KEY_VILLAGE = 3;

/** 四级书记: the secretary role of each area level. */
export const SECRETARY_LEVELS = ['city', 'county', 'township', 'village'] as const;
export type SecretaryLevel = (typeof SECRETARY_LEVELS)[number];
export const secretaryRole = (level: SecretaryLevel): CadreRole => `secretary_${level}`;

/** The area level an assignment of this role must name (households carry their village's). */
export function targetOf(role: CadreRole): 'household' | 'village' | 'township' | 'county' | 'city' {
  return CADRE_ROLES.find((r) => r.code === role)!.target;
}

/** 入户 or 电话. */
export const VISIT_METHODS = [
  { code: 'in_person', zh: '入户走访', en: 'Home visit' },
  { code: 'phone', zh: '电话联系', en: 'Phone call' },
] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number]['code'];

/** Whether an assignment runs on a day (start and end inclusive; open-ended when no end). */
export function activeOn(a: { startsOn: string; endsOn: string | null }, day: string): boolean {
  return a.startsOn <= day && (a.endsOn === null || a.endsOn >= day);
}

/**
 * A resident cadre leaving inside a lock period (驻村干部锁定期) without the county's approval is flagged: the policy
 * keeps them in place through the year. A departure is the end date of a resident assignment.
 */
export function replacedInLock(
  a: { role: CadreRole; endsOn: string | null; approvedAt: string | null },
  locks: readonly { startsOn: string; endsOn: string }[],
): boolean {
  if (!RESIDENT_ROLES.includes(a.role) || a.endsOn === null || a.approvedAt !== null) return false;
  return locks.some((l) => l.startsOn <= a.endsOn! && a.endsOn! < l.endsOn);
}

/** A share of visited among all, with four decimals; null when there is nothing to visit (not 0 %, not 100 %). */
export function share(visited: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((Math.min(visited, total) / total) * 10_000) / 10_000;
}

/** The first and last day of the calendar month holding `day` (the cadre view's "this period"). */
export function monthOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}
