/** Calendar arithmetic on YYYY-MM-DD strings, matching PostgreSQL's age() and date arithmetic. */

function parts(d: string): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

/** Completed years from `from` to `to` (date_part('year', age(to, from))); negative when `to` is earlier. */
export function completedYears(from: string, to: string): number {
  return Math.trunc(completedMonths(from, to) / 12);
}

/** Completed months from `from` to `to`, like age()'s years*12 + months. */
export function completedMonths(from: string, to: string): number {
  if (to < from) return -completedMonths(to, from);
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `d` moved by whole years then by `days` (a 29 February becomes 28 February in a common year, as in SQL). */
export function addYears(d: string, years: number, days = 0): string {
  const [y, m, day] = parts(d);
  const ty = y + years;
  const last = new Date(Date.UTC(ty, m, 0)).getUTCDate();
  const t = Date.UTC(ty, m - 1, Math.min(day, last)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The school-age reference day (e.g. 1 September) on or before `on`: age for compulsory school is counted there. */
export function schoolReferenceDate(on: string, month: number, day: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const y = Number(on.slice(0, 4));
  const candidate = `${y}-${pad(month)}-${pad(day)}`;
  return candidate <= on ? candidate : `${y - 1}-${pad(month)}-${pad(day)}`;
}
