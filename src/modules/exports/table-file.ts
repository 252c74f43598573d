import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface ExportColumn<T> {
  header: string;
  width?: number;
  /** Text columns (ID numbers, codes, phone numbers) are written as text cells so Excel never turns them into numbers. */
  text?: boolean;
  value: (row: T) => string | number | null | undefined;
}

export interface ExportMeta {
  title: string;
  /** e.g. "区域：冠县  导出时间：2026-11-28 17:00  导出人：wang" */
  subtitle: string;
}

/**
 * A value that a spreadsheet would run as a formula (=, +, -, @, and tab/CR which some readers strip) gets a leading
 * apostrophe-like quote, so an exported cell can never execute (CSV/formula injection).
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellValue(v: string | number | null | undefined, text: boolean | undefined): string | number | null {
  if (v == null) return null;
  if (typeof v === 'number' && !text) return v;
  return neutralise(String(v));
}

/** Streams an .xlsx: a title row, a subtitle row, a frozen header row, then rows in batches from `batches`. */
export function xlsxStream<T>(columns: ExportColumn<T>[], meta: ExportMeta, batches: AsyncIterable<T[]>): Readable {
  const out = new PassThrough();
  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.columns = columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: c.text ? { numFmt: '@' } : {} }));
    const title = ws.addRow([meta.title]);
    title.font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(1, columns.length));
    title.commit();
    const sub = ws.addRow([meta.subtitle]);
    ws.mergeCells(2, 1, 2, Math.max(1, columns.length));
    sub.commit();
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    });
    header.commit();
    for await (const batch of batches) {
      for (const row of batch) ws.addRow(columns.map((c) => cellValue(c.value(row), c.text))).commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

function csvField(v: string | number | null): string {
  if (v == null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Streams a UTF-8 CSV with a BOM (so Excel in a Chinese locale opens it as UTF-8), title lines first. */
export function csvStream<T>(columns: ExportColumn<T>[], meta: ExportMeta, batches: AsyncIterable<T[]>): Readable {
  const out = new PassThrough();
  void (async () => {
    out.write('\uFEFF');
    out.write(`${csvField(meta.title)}\r\n${csvField(meta.subtitle)}\r\n`);
    out.write(columns.map((c) => csvField(c.header)).join(',') + '\r\n');
    for await (const batch of batches) {
      const text = batch.map((row) => columns.map((c) => csvField(cellValue(c.value(row), c.text))).join(',')).join('\r\n');
      if (text) out.write(text + '\r\n');
    }
    out.end();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

export function exportFileName(base: string, format: 'xlsx' | 'csv', now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return `${base}_${stamp}.${format}`;
}

export function contentDisposition(fileName: string): string {
  // RFC 5987: Chinese file names survive every browser through filename*.
  return `attachment; filename="export.${fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
