import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestLimits, type IngestLimits } from './limits.js';
import type { RawCell } from './raw-cell.js';
import { FileRejectedError } from './rejection.js';
import { buildXlsx, cell, escapeXml, row, tempDir, worksheetXml, type TempDir, type WorkbookParts } from './test-files.js';
import { openXlsx, type XlsxWorkbook } from './xlsx-reader.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

async function open(input: Buffer | WorkbookParts, limits: IngestLimits = ingestLimits()): Promise<XlsxWorkbook> {
  const buf = Buffer.isBuffer(input) ? input : buildXlsx(input);
  const r = await openXlsx(await dir.write(`w${Math.random().toString(36).slice(2)}.xlsx`, buf), limits);
  if (!r.ok) throw new Error(`${r.rejection.reason}: ${r.rejection.message}`);
  return r.value;
}

async function readAll(wb: XlsxWorkbook, sheet = 0) {
  const source = wb.rows(wb.sheets[sheet]!);
  const rows: { rowNumber: number; cells: RawCell[] }[] = [];
  for await (const r of source) rows.push({ rowNumber: r.rowNumber, cells: [...r.cells] });
  return { rows, stats: { ...source.stats }, hidden: source.hiddenColumns(), bytesRead: source.bytesRead(), totalBytes: source.totalBytes };
}

describe('openXlsx: a hand-assembled workbook', () => {
  const parts: WorkbookParts = {
    sharedStrings: ['姓名', '身份证号', '金额', '张三', '371502199001011234'],
    numFmts: '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="#,##0.00&quot;元&quot;"/>',
    cellXfs: '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="31"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="49"/>',
    sheets: [
      {
        name: '花名册',
        cols: '<col min="2" max="2" width="20" hidden="1"/><col min="5" max="7" hidden="true"/>',
        rows: [
          row(1, cell('A1', 0, { type: 's' }) + cell('B1', 1, { type: 's' }) + cell('C1', 2, { type: 's' })),
          row(4, cell('A4', 3, { type: 's' }) + cell('B4', 4, { type: 's' })),
          // An ID typed into a number cell, as Excel stores it; a formula with its cached result.
          row(5, '<c r="A5"><v>21</v></c><c r="B5"><v>3.71502199001011E+17</v></c><c r="C5"><f>A5*2</f><v>42</v></c>'),
          row(6, '<c r="A6" s="1"><v>44012</v></c><c r="B6" s="2"><v>44012</v></c><c r="C6" s="3"><v>44012.5</v></c><c r="D6" s="4"><v>1234.5</v></c>'),
          row(7, '<c r="A7" t="b"><v>1</v></c><c r="B7" t="e"><v>#N/A</v></c><c r="C7" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D7"><f>1/0</f></c><c r="E7"><f>B2*0</f><v>0</v></c>'),
          row(8, '<c r="A8" t="inlineStr"><is><t>行内&amp;文本</t></is></c><c r="B8" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></is></c><c r="C8" t="str"><v>第一行_x000D_\n第二行</v></c>'),
          row(9, '<c r="A9" s="5" t="s"><v>4</v></c><c r="B9" s="0"/><c r="C9" s="1"></c><c r="AA9"><v>-0.5</v></c>'),
        ].join(''),
      },
      { name: '隐藏', state: 'hidden', rows: row(1, cell('A1', 'x')) },
      { name: '图表', chart: true },
    ],
  };

  it('lists worksheets with their state, leaving out chart sheets', async () => {
    const wb = await open(parts);
    expect(wb.sheets.map((s) => [s.name, s.state])).toEqual([
      ['花名册', 'visible'],
      ['隐藏', 'hidden'],
    ]);
    expect(wb.date1904).toBe(false);
    wb.close();
  });

  it('reads shared strings, a numeric ID as a number, and a formula as its cached value', async () => {
    const wb = await open(parts);
    const { rows } = await readAll(wb);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 4, 5, 6, 7, 8, 9]);
    expect(rows[0]!.cells).toEqual([
      { type: 'text', text: '姓名' },
      { type: 'text', text: '身份证号' },
      { type: 'text', text: '金额' },
    ]);
    expect(rows[1]!.cells[1]).toEqual({ type: 'text', text: '371502199001011234' });
    expect(rows[2]!.cells).toEqual([
      { type: 'number', number: 21 },
      { type: 'number', number: 371502199001011000 },
      { type: 'number', number: 42, formula: 'A5*2' },
    ]);
    wb.close();
  });

  it('tells dates from numbers by the number format, including the zh-CN built-in and custom ones', async () => {
    const wb = await open(parts);
    const { rows } = await readAll(wb);
    expect(rows[3]!.cells).toEqual([
      { type: 'date', serial: 44012 },
      { type: 'date', serial: 44012 },
      { type: 'date', serial: 44012.5 },
      { type: 'number', number: 1234.5 },
    ]);
    wb.close();
  });

  it('reads booleans, errors, string formulas, uncached formulas and a cached 0', async () => {
    const wb = await open(parts);
    const { rows } = await readAll(wb);
    expect(rows[4]!.cells).toEqual([
      { type: 'boolean', value: true },
      { type: 'error', error: '#N/A' },
      { type: 'text', text: 'ab', formula: '"a"&"b"' },
      { type: 'error', error: '#UNCACHED', formula: '1/0' },
      { type: 'number', number: 0, formula: 'B2*0' },
    ]);
    wb.close();
  });

  it('reads inline and rich text, unescapes _x000D_, and places cells by their reference', async () => {
    const wb = await open(parts);
    const { rows } = await readAll(wb);
    expect(rows[5]!.cells.map((c) => (c.type === 'text' ? c.text : c.type))).toEqual(['行内&文本', '富文本', '第一行\r\n第二行']);
    const last = rows[6]!.cells;
    expect(last[0]).toEqual({ type: 'text', text: '371502199001011234' });
    expect(last.length).toBe(27);
    expect(last[26]).toEqual({ type: 'number', number: -0.5 });
    wb.close();
  });

  it('reports hidden columns as 0-based ranges', async () => {
    const wb = await open(parts);
    const { hidden } = await readAll(wb);
    expect(hidden).toEqual([
      { from: 1, to: 1 },
      { from: 4, to: 6 },
    ]);
    wb.close();
  });

  it('reads a hidden sheet when asked, and reports progress in bytes of sheet XML', async () => {
    const wb = await open(parts);
    const r = await readAll(wb, 1);
    expect(r.rows[0]!.cells).toEqual([{ type: 'text', text: 'x' }]);
    expect(r.bytesRead).toBe(r.totalBytes);
    wb.close();
  });
});

describe('openXlsx: what other writers do', () => {
  it('reads the 1904 date system flag', async () => {
    const wb = await open({ date1904: true, sheets: [{ name: 'S', rows: row(1, cell('A1', 1)) }] });
    expect(wb.date1904).toBe(true);
    wb.close();
  });

  it('reads cells and rows without r attributes, single-quoted attributes and odd spacing', async () => {
    const rows = `<row><c t="s"><v>0</v></c><c><v>2</v></c></row><row r='3'><c r='B3'  t = 'str'><v>x</v></c></row><row\n><c\n r="A4"><v>4</v></c></row>`;
    const wb = await open({ sharedStrings: ['甲'], sheets: [{ name: 'S', rows }] });
    const { rows: out } = await readAll(wb);
    expect(out).toEqual([
      { rowNumber: 1, cells: [{ type: 'text', text: '甲' }, { type: 'number', number: 2 }] },
      { rowNumber: 3, cells: [{ type: 'empty' }, { type: 'text', text: 'x' }] },
      { rowNumber: 4, cells: [{ type: 'number', number: 4 }] },
    ]);
    wb.close();
  });

  it('reads sheets whose elements carry a namespace prefix, as some .NET exporters write', async () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cols><x:col min="1" max="1" hidden="1"/></x:cols><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c r="B1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const wb = await open({ sheets: [{ name: 'S', xml }] });
    const r = await readAll(wb);
    expect(r.rows[0]!.cells).toEqual([{ type: 'text', text: '姓名' }, { type: 'number', number: 2, formula: '1+1' }]);
    expect(r.hidden).toEqual([{ from: 0, to: 0 }]);
    wb.close();
  });

  it('skips phonetic runs in shared strings and decodes entities and CDATA', async () => {
    const sst = '<si><t>张三</t><rPh sb="0" eb="1"><t>ちょう</t></rPh></si><si><t>&lt;a&gt; &amp; &#x4E2D;&#25991;</t></si><si><t><![CDATA[x&y]]></t></si><si><t/></si>';
    const wb = await open({ sharedStringsXml: sst, sheets: [{ name: 'S', rows: row(1, [0, 1, 2, 3].map((i) => cell(`${'ABCD'[i]}1`, i, { type: 's' })).join('')) }] });
    const { rows } = await readAll(wb);
    expect(rows[0]!.cells).toEqual([
      { type: 'text', text: '张三' },
      { type: 'text', text: '<a> & 中文' },
      { type: 'text', text: 'x&y' },
    ]);
    wb.close();
  });

  it('reads shared strings stored after the sheets (ExcelJS streaming writer order)', async () => {
    const wb = await open({ sheetsFirst: true, sharedStrings: ['后置'], sheets: [{ name: 'S', rows: row(1, cell('A1', 0, { type: 's' })) }] });
    expect((await readAll(wb)).rows[0]!.cells).toEqual([{ type: 'text', text: '后置' }]);
    wb.close();
  });

  it('keeps every Chinese character whole across inflate chunk boundaries', async () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `张${String.fromCharCode(0x4e00 + (i % 20_000))}丰${i}`);
    const rows = names.map((n, i) => row(i + 1, cell(`A${i + 1}`, n, { type: 'inlineStr' }) + cell(`B${i + 1}`, i, { type: 's' }))).join('');
    const wb = await open({ sharedStrings: names, sheets: [{ name: 'S', rows }] });
    const { rows: out } = await readAll(wb);
    expect(out).toHaveLength(names.length);
    out.forEach((r, i) => {
      expect(r.cells[0]).toEqual({ type: 'text', text: names[i] });
      expect(r.cells[1]).toEqual({ type: 'text', text: names[i] });
    });
    wb.close();
  });

  it('reads what ExcelJS writes, streaming and not', async () => {
    const expected: (string | number | boolean | null)[][] = [
      ['姓名', '身份证号', '金额', '是否'],
      ['张三', '371502199001011234', 1234.5, true],
      ['李四', '37150219900101123X', 0, false],
    ];
    const plain = new ExcelJS.Workbook();
    const ws = plain.addWorksheet('表');
    for (const r of expected) ws.addRow(r);
    const file1 = await dir.write('plain.xlsx', Buffer.from(await plain.xlsx.writeBuffer()));
    const file2 = `${dir.path}/streamed.xlsx`;
    const streamed = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file2, useSharedStrings: true, useStyles: true });
    const sws = streamed.addWorksheet('表');
    for (const r of expected) sws.addRow(r).commit();
    await sws.commit();
    await streamed.commit();
    for (const file of [file1, file2]) {
      const r = await openXlsx(file, ingestLimits());
      if (!r.ok) throw new Error(r.rejection.message);
      const { rows } = await readAll(r.value);
      expect(rows.map((x) => x.cells.map((c) => (c.type === 'text' ? c.text : c.type === 'number' ? c.number : c.type === 'boolean' ? c.value : null)))).toEqual(expected);
      r.value.close();
    }
  });

  it('reads back any values ExcelJS writes (differential)', async () => {
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom('张', '三', 'a', ' ', '&', '<', '"', '\n', '·', '1', 'Ｘ'), minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (table) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('S');
        for (const r of table) ws.addRow(r);
        const opened = await openXlsx(Buffer.from(await wb.xlsx.writeBuffer()), ingestLimits());
        if (!opened.ok) throw new Error(opened.rejection.message);
        const { rows } = await readAll(opened.value);
        opened.value.close();
        const read = rows.map((r) => r.cells.map((c) => (c.type === 'text' ? c.text : c.type === 'number' ? c.number : c.type === 'boolean' ? c.value : c.type)));
        expect(read).toEqual(table);
      }),
      { numRuns: 40 },
    );
  });
});

describe('openXlsx: limits', () => {
  it('stops a sheet of 100,000 formatted but empty rows after the empty-row limit', async () => {
    const data = row(1, cell('A1', '姓名', { type: 'inlineStr' })) + row(2, cell('A2', '张三', { type: 'inlineStr' }));
    const empty = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 3}" s="1" customFormat="1"><c r="A${i + 3}" s="1"/><c r="B${i + 3}" s="1"/></row>`).join('');
    const wb = await open({ cellXfs: '<xf numFmtId="0"/><xf numFmtId="49"/>', sheets: [{ name: 'S', rows: data + empty + row(100_003, cell('A100003', 'late', { type: 'inlineStr' })) }] });
    const started = performance.now();
    const r = await readAll(wb);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([1, 2]);
    expect(r.stats).toEqual({ rows: 2, emptyRows: 1000, stoppedAtRow: 1002 });
    expect(r.bytesRead).toBeLessThan(r.totalBytes);
    wb.close();
  });

  it('refuses a sheet whose XML inflates beyond the per-sheet limit, before reading it', async () => {
    const big = Array.from({ length: 20_000 }, (_, i) => row(i + 1, cell(`A${i + 1}`, 0))).join('');
    const wb = await open({ sheets: [{ name: 'S', rows: big }] }, ingestLimits({ maxSheetXmlBytes: 256 * 1024 }));
    await expect(readAll(wb)).rejects.toMatchObject({ rejection: { reason: 'ZIP_BOMB', details: { part: 'xl/worksheets/sheet1.xml' } } });
    wb.close();
  });

  it('refuses a zip bomb whose parts together inflate beyond the limit', async () => {
    // 8 MB of zeros compress to a few kilobytes.
    const bomb = buildXlsx({ sheets: [{ name: 'S', xml: worksheetXml(`<!--${' '.repeat(8 * 1024 * 1024)}-->`) }] });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const r = await openXlsx(bomb, ingestLimits({ maxUncompressedBytes: 2 * 1024 * 1024 }));
    expect(r).toMatchObject({ ok: false, rejection: { reason: 'ZIP_BOMB' } });
  });

  it('refuses a part that inflates beyond the size it declares (a lying zip), falls short of it, or is damaged', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i + 1, cell(`A${i + 1}`, i))).join('');
    const xml = worksheetXml(rows);
    const part = 'xl/worksheets/sheet1.xml';
    const variants = [
      buildXlsx({ sheets: [{ name: 'S' }], extra: [{ name: part, data: xml, declaredSize: 1000 }] }),
      buildXlsx({ sheets: [{ name: 'S' }], extra: [{ name: part, data: xml, declaredSize: Buffer.byteLength(xml) + 10 }] }),
      corruptData(buildXlsx({ sheets: [{ name: 'S' }], extra: [{ name: part, data: xml }] }), part),
    ];
    for (const damaged of variants) {
      const wb = await open(damaged);
      const e = await readAll(wb).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(FileRejectedError);
      expect((e as FileRejectedError).rejection.reason).toBe('CORRUPT_ZIP');
      wb.close();
    }
  });

  it('refuses shared strings beyond their memory limit, and too many rows or columns', async () => {
    const strings = Array.from({ length: 5_000 }, (_, i) => `字符串${i}`);
    const wb = await open({ sharedStrings: strings, sheets: [{ name: 'S', rows: row(1, cell('A1', 0, { type: 's' })) }] }, ingestLimits({ maxSharedStringsXmlBytes: 10_000 }));
    await expect(readAll(wb)).rejects.toMatchObject({ rejection: { reason: 'ZIP_BOMB', details: { part: 'xl/sharedStrings.xml' } } });
    wb.close();
    const many = await open({ sheets: [{ name: 'S', rows: Array.from({ length: 20 }, (_, i) => row(i + 1, cell(`A${i + 1}`, i))).join('') }] }, ingestLimits({ maxRows: 10 }));
    await expect(readAll(many)).rejects.toMatchObject({ rejection: { reason: 'TOO_MANY_ROWS', details: { sheet: 'S' } } });
    many.close();
    const wide = await open({ sheets: [{ name: 'S', rows: row(3, cell('Z3', 1)) }] }, ingestLimits({ maxColumns: 10 }));
    await expect(readAll(wide)).rejects.toMatchObject({ rejection: { reason: 'TOO_MANY_COLUMNS', details: { row: 3, column: 26 } } });
    wide.close();
  });

  it('refuses damaged XML and a workbook without worksheets as typed rejections', async () => {
    const wb = await open({ sheets: [{ name: 'S', rows: row(1, cell('A1', 7, { type: 's' })) }] });
    await expect(readAll(wb)).rejects.toMatchObject({ rejection: { reason: 'BAD_XML' } });
    wb.close();
    const charts = await openXlsx(buildXlsx({ sheets: [{ name: 'C', chart: true }] }), ingestLimits());
    expect(charts).toMatchObject({ ok: false, rejection: { reason: 'NO_SHEETS' } });
  });
});

/** Overwrites the start of a part's compressed data with bytes that are not a deflate stream. */
function corruptData(zip: Buffer, name: string): Buffer {
  const out = Buffer.from(zip);
  const at = out.indexOf(Buffer.from(name)) + Buffer.byteLength(name);
  out.fill(0xff, at, at + 8);
  return out;
}

it('escapeXml escapes what XML needs', () => {
  expect(escapeXml('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
});
