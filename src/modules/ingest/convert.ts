/**
 * A raw cell read as the kind of value its field holds, with the parsers of domain/cell-values.ts. This is where the
 * cell's stored type matters: an ID or any long code in a number cell has lost digits, a date may arrive as a serial,
 * text or a YYYYMMDD number.
 */
import {
  cleanName,
  cleanText,
  parseAmountCell,
  parseBooleanCell,
  parseCodedCell,
  parseDateCell,
  parseIdCell,
  serialToDate,
  type CellDate,
  type CellFailure,
  type CellResult,
  type IdCellFailure,
} from '../../domain/cell-values.js';
import type { CodeListName } from '../../domain/codes.js';
import type { ParseIdOptions, ParsedId } from '../../domain/id-number.js';
import type { ValueKind } from './fields.js';
import { UNCACHED_FORMULA, type RawCell } from './raw-cell.js';

export type ConvertFailureCode = CellFailure['code'] | 'NUMBER_TOO_LONG' | 'NOT_INTEGER' | 'EXCEL_ERROR' | 'UNCACHED_FORMULA' | 'BAD_DIGITS';

export interface ConvertFailure {
  readonly ok: false;
  readonly code: ConvertFailureCode;
  readonly reason: string;
  readonly reasonZh: string;
  /** For ID cells: the trustworthy first 15 digits of a damaged number. */
  readonly prefix15?: string | null;
}

export type ConvertedValue = string | number | boolean | CellDate | ParsedId;
export type ConvertResult<T = ConvertedValue> = { readonly ok: true; readonly value: T } | ConvertFailure;

export interface ConvertContext {
  readonly date1904?: boolean;
  readonly id?: ParseIdOptions;
}

const fail = (code: ConvertFailureCode, reason: string, reasonZh: string): ConvertFailure => ({ ok: false, code, reason, reasonZh });
const EMPTY = fail('EMPTY', 'The cell is empty.', '单元格为空。');

/** Excel keeps 15 significant digits of a number; a longer code typed into a number cell has lost the rest. */
const MAX_EXACT = 1e15;

function numberAsDigits(n: number): ConvertResult<string> {
  if (Math.abs(n) >= MAX_EXACT) {
    const shown = n.toPrecision(15).toUpperCase();
    return fail(
      'NUMBER_TOO_LONG',
      `The number ${shown} is too long for an Excel number cell and has lost digits: format the column as text and re-enter it.`,
      `数字${shown}超过Excel数字单元格的精度，已丢失部分数字：请将该列设置为文本格式后重新录入。`,
    );
  }
  return { ok: true, value: Number.isInteger(n) ? n.toFixed(0) : String(n) };
}

function failureOfCell(cell: RawCell): ConvertFailure | undefined {
  if (cell.type === 'empty' || (cell.type === 'text' && cleanText(cell.text) === '')) return EMPTY;
  if (cell.type === 'error') {
    if (cell.error === UNCACHED_FORMULA) {
      return fail('UNCACHED_FORMULA', 'The cell holds a formula saved without its result: open the file in Excel or WPS and save it.', '该单元格为未计算结果的公式：请用Excel或WPS打开文件并保存后重新上传。');
    }
    return fail('EXCEL_ERROR', `The cell shows the Excel error ${cell.error}.`, `单元格显示Excel错误值${cell.error}。`);
  }
  return undefined;
}

function asText(cell: RawCell, date1904: boolean): string {
  switch (cell.type) {
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.number);
    case 'boolean':
      return cell.value ? '是' : '否';
    case 'date': {
      const d = serialToDate(cell.serial, { date1904 });
      return d.ok ? d.value.date : String(cell.serial);
    }
    default:
      return '';
  }
}

function fromCellResult<T>(r: CellResult<T>): ConvertResult<T> {
  return r.ok ? r : { ok: false, code: r.code, reason: r.reason, reasonZh: r.reasonZh };
}

function digits(cell: RawCell, date1904: boolean): ConvertResult<string> {
  if (cell.type === 'number') return numberAsDigits(cell.number);
  const s = cleanText(asText(cell, date1904)).replace(/[\s'`]/gu, '');
  if (!/^[0-9A-Za-z-]+$/.test(s)) return fail('BAD_DIGITS', `“${s}” is not a code of digits.`, `“${s}”不是有效的编码。`);
  return { ok: true, value: s.toUpperCase() };
}

function phone(cell: RawCell, date1904: boolean): ConvertResult<string> {
  if (cell.type === 'number') return numberAsDigits(cell.number);
  // Separators people type into phone numbers; a second number after / or 、 is kept as typed.
  return { ok: true, value: cleanText(asText(cell, date1904)).replace(/[\s()-]/gu, '') };
}

/** The value of a cell for a field of this kind, or why it cannot be read. */
export function convertCell(kind: ValueKind, cell: RawCell, ctx: ConvertContext = {}): ConvertResult {
  const bad = failureOfCell(cell);
  if (bad) return bad;
  const date1904 = ctx.date1904 ?? false;
  switch (kind) {
    case 'text':
      return cell.type === 'number' ? numberAsDigits(cell.number) : { ok: true, value: cleanText(asText(cell, date1904)) };
    case 'name':
      return { ok: true, value: cleanName(asText(cell, date1904)) };
    case 'id': {
      const r = cell.type === 'number' ? parseIdCell({ number: cell.number }, ctx.id) : parseIdCell({ text: asText(cell, date1904) }, ctx.id);
      return r.ok ? r : ({ ...(r as IdCellFailure) } satisfies ConvertFailure);
    }
    case 'date':
      if (cell.type === 'date') return fromCellResult(serialToDate(cell.serial, { date1904 }));
      return fromCellResult(parseDateCell(cell.type === 'number' ? cell.number : asText(cell, date1904), { date1904 }));
    case 'amount':
      return fromCellResult(parseAmountCell(cell.type === 'number' ? cell.number : asText(cell, date1904)));
    case 'integer': {
      const r = parseAmountCell(cell.type === 'number' ? cell.number : asText(cell, date1904));
      if (!r.ok) return fromCellResult(r);
      return Number.isInteger(r.value) ? r : fail('NOT_INTEGER', `${r.value} is not a whole number.`, `${r.value}不是整数。`);
    }
    case 'boolean':
      return fromCellResult(parseBooleanCell(cell.type === 'boolean' ? cell.value : cell.type === 'number' ? cell.number : asText(cell, date1904)));
    case 'phone':
      return phone(cell, date1904);
    case 'digits':
      return digits(cell, date1904);
    default:
      return fromCellResult(parseCodedCell(kind.slice('coded:'.length) as CodeListName, cell.type === 'number' ? cell.number : asText(cell, date1904)));
  }
}
