/**
 * A cell as read from a file, before it is interpreted for a field. The readers keep what the file stored (text,
 * number, date serial…) so the interpreting step can tell an ID typed as text from one Excel stored as a number.
 */
import { serialToDate } from '../../domain/cell-values.js';

/** Present on cells whose value is a formula's cached result; '' when the cell shares another cell's formula. */
interface FormulaMark {
  readonly formula?: string;
}

export type RawCell =
  | { readonly type: 'empty' }
  | ({ readonly type: 'text'; readonly text: string } & FormulaMark)
  | ({ readonly type: 'number'; readonly number: number } & FormulaMark)
  /** A number in a date format; `serial` counts in the workbook's own date system (see `date1904`). */
  | ({ readonly type: 'date'; readonly serial: number } & FormulaMark)
  | ({ readonly type: 'boolean'; readonly value: boolean } & FormulaMark)
  /** An Excel error value (#N/A, #REF!…), or UNCACHED_FORMULA for a formula saved without its result. */
  | ({ readonly type: 'error'; readonly error: string } & FormulaMark);

export const EMPTY_CELL: RawCell = Object.freeze({ type: 'empty' });

/** A formula whose result was never computed: written by a program, not saved by Excel or WPS. */
export const UNCACHED_FORMULA = '#UNCACHED';

export function textCell(text: string): RawCell {
  return text === '' ? EMPTY_CELL : { type: 'text', text };
}

/** Empty, or text of nothing but whitespace. */
export function isEmptyCell(cell: RawCell | undefined): boolean {
  return cell === undefined || cell.type === 'empty' || (cell.type === 'text' && !startsVisibly(cell.text) && cell.text.trim() === '');
}

/** Whether the text's first character is one that trim() keeps: then it is not blank, without making a trimmed copy. */
function startsVisibly(text: string): boolean {
  if (text.length === 0) return false;
  const c = text.charCodeAt(0);
  if (c < 0x80) return c > 32 && c !== 127;
  // What trim() takes for space beyond ASCII: no-break, Ogham, the U+2000 spaces, separators, narrow and
  // mathematical spaces, ideographic space and the byte-order mark.
  return !(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/** What the cell shows, roughly as Excel would: for headers, messages and text fields. */
export function cellText(cell: RawCell | undefined, date1904 = false): string {
  if (cell === undefined) return '';
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.number);
    case 'date': {
      const d = serialToDate(cell.serial, { date1904 });
      return d.ok ? d.value.date : String(cell.serial);
    }
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'error':
      return cell.error;
  }
}

/** Excel column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
