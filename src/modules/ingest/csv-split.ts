/**
 * Splits decoded CSV text into records, chunk by chunk. csv-parse does the same at about 40,000 rows/s on a 25-column
 * roster (it works on bytes, so each decoded chunk is encoded again); this works on the strings directly and is
 * checked against csv-parse in csv-split.test.ts. Its rules are those of csv-parse with relax_quotes,
 * relax_column_count, record delimiters CR LF, LF and CR, and empty lines kept as records of one empty field:
 * - a field starting with " runs to the next lone " and "" inside it is one quote;
 * - text after a field's closing quote makes the field read with its quotes ("a"b → "a"b, "a""b"c → "a"b"c);
 * - a quote inside an unquoted field is kept.
 */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';

  constructor(
    message: string,
    /** Records completed before the problem. */
    readonly records: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvSplitter {
  private buf = '';
  private records = 0;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /**
   * Line breaks inside the quoted fields of each record `push` last returned, in the same order: a record after such
   * a one starts that many lines further down.
   */
  readonly lineBreaks: number[] = [];
  private breaks = 0;

  /** Complete records in `text` and what was held back before it; `final` flushes the last one. */
  push(text: string, final = false): string[][] {
    const buf = this.buf + text;
    const out: string[][] = [];
    this.lineBreaks.length = 0;
    let start = 0;
    while (start < buf.length) {
      const end = this.record(buf, start, final, out);
      if (end < 0) break;
      start = end;
    }
    this.buf = buf.slice(start);
    if (this.buf.length > this.maxRecordChars) {
      throw new CsvFormatError(`a record is longer than ${this.maxRecordChars} characters (is a closing quote missing?)`, this.records);
    }
    if (final && this.buf !== '') throw new CsvFormatError('a quoted field is not closed', this.records);
    return out;
  }

  /** Reads one record from `start`; its end, or -1 when the text so far does not complete it. */
  private record(buf: string, start: number, final: boolean, out: string[][]): number {
    const d = this.delimiter;
    const n = buf.length;
    const fields: string[] = [];
    this.breaks = 0;
    let i = start;
    for (;;) {
      let value: string;
      if (buf.charCodeAt(i) === QUOTE) {
        let close = buf.indexOf('"', i + 1);
        while (close >= 0 && buf.charCodeAt(close + 1) === QUOTE) close = buf.indexOf('"', close + 2);
        if (close < 0 || (close + 1 >= n && !final)) return -1;
        const after = close + 1 < n ? buf.charCodeAt(close + 1) : -1;
        if (after === d || after === LF || after === CR || after === -1) {
          value = buf.slice(i + 1, close);
          if (value.includes('"')) value = value.replaceAll('""', '"');
          if (value.includes('\n') || value.includes('\r')) this.breaks += value.match(/\r\n|\r|\n/g)!.length;
          i = close + 1;
        } else {
          // Text after the closing quote: the field is read as typed, up to the next delimiter or line break.
          let j = close + 1;
          for (; j < n; j++) {
            const c = buf.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
          }
          if (j >= n && !final) return -1;
          value = `"${buf.slice(i + 1, close).replaceAll('""', '"')}"${buf.slice(close + 1, j)}`;
          i = j;
        }
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = buf.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
        }
        if (j >= n && !final) return -1;
        value = buf.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i >= n) {
        if (!final) return -1;
        break;
      }
      const c = buf.charCodeAt(i);
      if (c === d) {
        i++;
        // A delimiter at the very end of the file ends the record with an empty field.
        if (i >= n) {
          if (!final) return -1;
          fields.push('');
          break;
        }
        continue;
      }
      if (c === CR) {
        // A CR at the end of the text so far may be the first half of CR LF.
        if (i + 1 >= n && !final) return -1;
        i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      break;
    }
    if (i - start > this.maxRecordChars) {
      throw new CsvFormatError(`a record is longer than ${this.maxRecordChars} characters (is a closing quote missing?)`, this.records);
    }
    this.records++;
    out.push(fields);
    this.lineBreaks.push(this.breaks);
    return i;
  }
}
