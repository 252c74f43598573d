import dayjs from 'dayjs';

/** Numeric columns may reach us as strings ("1234.50"); never as a number for IDs, which stay strings throughout. */
export function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function formatMoney(value: number | string | null | undefined): string {
  const n = toNumber(value);
  if (n === null) return '—';
  return n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatNumber(value: number | string | null | undefined): string {
  const n = toNumber(value);
  return n === null ? '—' : n.toLocaleString('zh-CN');
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export const DATE_FORMAT = 'YYYY-MM-DD';

export function toDateString(value: dayjs.Dayjs | null | undefined): string | null {
  return value ? value.format(DATE_FORMAT) : null;
}

export function fromDateString(value: string | null | undefined): dayjs.Dayjs | undefined {
  return value ? dayjs(value, DATE_FORMAT) : undefined;
}
