import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, CsvSplitter } from './csv-split.js';

/** Splits text given in pieces (cut points as fractions of its length), as the reader feeds decoded chunks. */
function split(text: string, cuts: readonly number[] = [], delimiter = ','): { records: string[][]; breaks: number[] } {
  const splitter = new CsvSplitter(delimiter, 1_000_000);
  const points = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  const records: string[][] = [];
  const breaks: number[] = [];
  let from = 0;
  for (const p of [...points, text.length]) {
    records.push(...splitter.push(text.slice(from, p), p === text.length));
    breaks.push(...splitter.lineBreaks);
    from = p;
  }
  return { records, breaks };
}

const field = fc.string({ unit: fc.constantFrom('a', '张', ' ', '"', ',', ';', '\n', '\r', '\t'), maxLength: 6 });
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

function quote(f: string, delimiter: string): string {
  return f.includes('"') || f.includes(delimiter) || f.includes('\n') || f.includes('\r') ? `"${f.replaceAll('"', '""')}"` : f;
}

describe('CsvSplitter', () => {
  it('reads back any table written with quoting, whatever the line endings and chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.constantFrom(',', '\t', ';'), cuts, (table, eol, delimiter, cut) => {
        // A record of one empty field is an empty line, which reads back as such.
        const text = table.map((r) => r.map((f) => quote(f, delimiter)).join(delimiter)).join(eol) + eol;
        expect(split(text, cut, delimiter).records).toEqual(table);
      }),
    );
  });

  it('agrees with csv-parse (relax_quotes, relax_column_count, CR LF / LF / CR) on any text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '"', ',', '\n', '\r', '张'), maxLength: 30 });
    fc.assert(
      fc.property(text, cuts, (t, cut) => {
        let expected: string[][] | 'error';
        try {
          expected = parse(t, { relax_quotes: true, relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
        } catch {
          expected = 'error';
        }
        let actual: string[][] | 'error';
        try {
          actual = split(t, cut).records;
        } catch (e) {
          if (!(e instanceof CsvFormatError)) throw e;
          actual = 'error';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts line breaks inside quoted fields, for the line numbers of later records', () => {
    const { records, breaks } = split('a,"x\r\ny\nz"\nb,c\n');
    expect(records).toEqual([['a', 'x\r\ny\nz'], ['b', 'c']]);
    expect(breaks).toEqual([2, 0]);
  });

  it('refuses an unclosed quote at the end, and a record longer than the limit', () => {
    expect(() => split('a,"b\nc')).toThrow(CsvFormatError);
    const s = new CsvSplitter(',', 10);
    expect(() => s.push('"0123456789abcdef')).toThrow(/longer than 10/);
  });
});
