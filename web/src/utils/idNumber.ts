/**
 * Resident ID number checks (GB 11643-1999), for instant feedback while typing. The server validates again,
 * including the historical address codes; this never reads the number through a Number (digits beyond 2^53 break).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Full-width digits and Ｘ are common in pasted numbers; NFKC folds them. */
export function normaliseIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

export function isValidIdNumber(raw: string): boolean {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (WEIGHTS[i] ?? 0);
  if (CHECK_CHARS[sum % 11] !== id[17]) return false;
  return birthDateOf(id) !== null;
}

export function birthDateOf(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Odd sequence digit = male, even = female. */
export function sexOf(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}
