/** Dates as whole days since 1970-01-01 (UTC), so the generator does date arithmetic on integers. */

const MS_PER_DAY = 86_400_000;

export function dayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

const CACHE_FIRST = Date.UTC(1880, 0, 1) / MS_PER_DAY;
const CACHE_LAST = Date.UTC(2040, 0, 1) / MS_PER_DAY;
/** The generator turns hundreds of thousands of days into text, all within a few decades: remember them. */
const cache: (string | undefined)[] = [];

export function isoDate(day: number): string {
  if (day < CACHE_FIRST || day >= CACHE_LAST) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  const i = day - CACHE_FIRST;
  return (cache[i] ??= new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Completed years of age on a date. */
export function ageOn(birthDay: number, onDay: number): number {
  const b = new Date(birthDay * MS_PER_DAY);
  const o = new Date(onDay * MS_PER_DAY);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  if (o.getUTCMonth() < b.getUTCMonth() || (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())) age--;
  return age;
}
