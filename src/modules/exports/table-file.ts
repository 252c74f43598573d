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
  /** e.g. "区域：聊城市 / 冠县  导出时间：2026-11-28 17:00:00  导出人：wang  共35户  身份证号已脱敏" */
  subtitle: string;
}

/**
 * What a spreadsheet reads as the start of a formula: =, +, -, @ (also behind blanks, which some readers trim, and
 * in their full-width forms, which Chinese input methods type and some readers fold), and a leading tab or CR.
 */
const FORMULA_START = /^(?:[\t\r]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A value that a spreadsheet would run as a formula gets a leading apostrophe, so an exported cell can never execute. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The most characters an Excel cell holds; a longer value makes Excel "repair" the whole file. */
const XLSX_CELL_MAX = 32_767;

function cellValue(v: string | number | null | undefined, text: boolean | undefined): string | number | null {
  if (v == null) return null;
  if (typeof v === 'number' && !text) return v;
  return neutralise(String(v));
}

function xlsxCellValue(v: string | number | null | undefined, text: boolean | undefined): string | number | null {
  const value = cellValue(v, text);
  return typeof value === 'string' && value.length > XLSX_CELL_MAX ? value.slice(0, XLSX_CELL_MAX - 1) + '…' : value;
}

/** A date-time as people in China read it (UTC+8 all year, no daylight saving), whatever the server's zone. */
export function chinaDateTime(at: Date | string | null | undefined): string {
  if (at == null) return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Streams an .xlsx: a title row, a subtitle row, a frozen header row, then rows in batches from `batches`. */
export function xlsxStream<T>(columns: ExportColumn<T>[], meta: ExportMeta, batches: AsyncIterable<T[]>): Readable {
  const out = new PassThrough();
  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.columns = columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: c.text ? { numFmt: '@' } : {} }));
    const title = ws.addRow([neutralise(meta.title)]);
    title.font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(1, columns.length));
    title.commit();
    const sub = ws.addRow([neutralise(meta.subtitle)]);
    ws.mergeCells(2, 1, 2, Math.max(1, columns.length));
    sub.commit();
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    });
    header.commit();
    for await (const batch of batches) {
      for (const row of batch) ws.addRow(columns.map((c) => xlsxCellValue(c.value(row), c.text))).commit();
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
    out.write(`${csvField(neutralise(meta.title))}\r\n${csvField(neutralise(meta.subtitle))}\r\n`);
    out.write(columns.map((c) => csvField(c.header)).join(',') + '\r\n');
    for await (const batch of batches) {
      const text = batch.map((row) => columns.map((c) => csvField(cellValue(c.value(row), c.text))).join(',')).join('\r\n');
      if (text) out.write(text + '\r\n');
    }
    out.end();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** "建档立卡户名单_202611281700.xlsx", stamped in China time like the title block inside. */
export function exportFileName(base: string, format: 'xlsx' | 'csv', now = new Date()): string {
  const stamp = chinaDateTime(now).slice(0, 16).replace(/[-: ]/g, '');
  return `${base}_${stamp}.${format}`;
}

export function contentDisposition(fileName: string): string {
  // RFC 5987: Chinese file names survive every browser through filename*.
  return `attachment; filename="export.${fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
