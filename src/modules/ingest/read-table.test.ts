import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCell } from './convert.js';
import { fieldOf, ROSTER_CATALOGUE, type RosterField } from './fields.js';
import { ingestLimits } from './limits.js';
import { cellText } from './raw-cell.js';
import { readTable, type ReadTable, type ReadTableOptions, type TableRow } from './read-table.js';
import { buildXlsx, cell, encodeGb18030, row, tempDir, worksheetXml, type TempDir } from './test-files.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

const today = new Date('2025-06-01T04:00:00Z');
const options = (extra: Partial<ReadTableOptions<RosterField>> = {}): ReadTableOptions<RosterField> => ({ catalogue: ROSTER_CATALOGUE, ...extra });

async function open(file: string, name: string, extra: Partial<ReadTableOptions<RosterField>> = {}): Promise<ReadTable<RosterField>> {
  const r = await readTable(file, name, options(extra));
  if (!r.ok) throw new Error(`${r.rejection.reason}: ${r.rejection.message}`);
  return r.value;
}

async function collect(table: ReadTable<RosterField>): Promise<TableRow<RosterField>[]> {
  const rows: TableRow<RosterField>[] = [];
  for await (const r of table.rows) rows.push(r);
  return rows;
}

const text = (r: TableRow<RosterField>, f: RosterField) => cellText(r.raw[f]);

/** A county's roster as people lay it out: title rows, a two-row merged header, a hidden column, totals and notes. */
function addCountySheet(wb: ExcelJS.Workbook, county: string, members: [string, string, string, number][]): void {
  const ws = wb.addWorksheet(county);
  ws.addRow([`${county}2020年建档立卡贫困人口花名册`]);
  ws.mergeCells('A1:G1');
  ws.addRow(['填报单位：扶贫办', '', '', '', '', '单位：元']);
  ws.addRow(['序号', '户编号', '家庭成员', '', '', '务工收入', '联系电话']);
  ws.addRow(['', '', '姓名', '身份证号', '与户主关系', '', '']);
  for (const c of ['A', 'B', 'F', 'G']) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('C3:E3');
  ws.getColumn(4).numFmt = '@';
  members.forEach(([name, id, relation, wage], i) => ws.addRow([i + 1, `3715220010${String(i).padStart(2, '0')}`, name, id, relation, wage, `1380000000${i}`]));
  ws.addRow(['合计', '', '', '', '', members.reduce((s, m) => s + m[3], 0)]);
  ws.addRow([]);
  ws.addRow(['注：身份证号码须为18位。']);
  ws.addRow(['填表人：张科员', '', '', '审核人：李主任']);
  ws.getColumn(7).hidden = true;
}

describe('readTable on an .xlsx written by ExcelJS', () => {
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    addCountySheet(wb, '冠县', [
      ['张三', '371525199001011239', '户主', 1200],
      ['李 四', '37152519920202123x', '配偶', 0],
    ]);
    addCountySheet(wb, '莘县', [['王五', '371522198003031234', '户主', 2500.5]]);
    wb.addWorksheet('说明', { state: 'hidden' }).addRow(['本表由系统生成']);
    file = await dir.write('roster.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  });

  it('lists the sheets and reads the first one by default, finding its two-row header', async () => {
    const table = await open(file, 'roster.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.sheets.map((s) => [s.name, s.state])).toEqual([
      ['冠县', 'visible'],
      ['莘县', 'visible'],
      ['说明', 'hidden'],
    ]);
    expect(table.header.headerRowNumbers).toEqual([3, 4]);
    expect(table.header.dataStartRow).toBe(5);
    expect(table.header.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', null],
      ['户编号', 'householdNo'],
      ['家庭成员/姓名', 'name'],
      ['家庭成员/身份证号', 'idNumber'],
      ['家庭成员/与户主关系', 'relation'],
      ['务工收入', 'monthlyWage'],
      ['联系电话', 'phone'],
    ]);
    expect(table.header.columns[6]!.hidden).toBe(true);
    const rows = await collect(table);
    expect(rows.map((r) => [r.sheet, r.rowNumber, text(r, 'name'), text(r, 'idNumber'), text(r, 'relation')])).toEqual([
      ['冠县', 5, '张三', '371525199001011239', '户主'],
      ['冠县', 6, '李 四', '37152519920202123x', '配偶'],
    ]);
    expect(rows[1]!.raw.monthlyWage).toEqual({ type: 'number', number: 0 });
    expect(table.summary()).toMatchObject({ rows: 2, skipped: { notesOrTotals: 3 }, stoppedEarly: [] });
    expect(table.progress().bytesRead).toBe(table.progress().totalBytes);
  });

  it('reads several sheets in order, one per county, each with its own header', async () => {
    const table = await open(file, 'roster.xlsx', { sheets: 'visible' });
    expect(table.selected.map((s) => s.sheet.name)).toEqual(['冠县', '莘县']);
    const rows = await collect(table);
    expect(rows.map((r) => [r.sheet, text(r, 'name')])).toEqual([
      ['冠县', '张三'],
      ['冠县', '李 四'],
      ['莘县', '王五'],
    ]);
  });

  it('chooses sheets by name or index, and refuses a sheet that does not exist', async () => {
    expect((await open(file, 'roster.xlsx', { sheets: ['莘县'] })).selected[0]!.sheet.name).toBe('莘县');
    expect((await open(file, 'roster.xlsx', { sheets: [1] })).selected[0]!.sheet.name).toBe('莘县');
    const r = await readTable(file, 'roster.xlsx', options({ sheets: ['阳谷县'] }));
    expect(r).toMatchObject({ ok: false, rejection: { reason: 'SHEET_NOT_FOUND' } });
    if (!r.ok) expect(r.rejection.messageZh).toContain('冠县、莘县、说明');
  });

  it("applies the user's mapping: a column dropped, a field moved", async () => {
    const table = await open(file, 'roster.xlsx', { mapping: { 1: null, 6: 'contactPhone' } });
    expect(table.header.columns.map((c) => c.field)).toEqual([null, null, 'name', 'idNumber', 'relation', 'monthlyWage', 'contactPhone']);
    expect(table.header.columns[6]!.chosen).toBe(true);
    const rows = await collect(table);
    expect(rows[0]!.raw.householdNo).toBeUndefined();
    expect(text(rows[0]!, 'contactPhone')).toBe('13800000000');
  });

  it('refuses a mapping naming an unknown field or one field twice', async () => {
    expect(await readTable(file, 'roster.xlsx', options({ mapping: { 1: 'nonsense' as RosterField } }))).toMatchObject({ ok: false, rejection: { reason: 'BAD_MAPPING' } });
    expect(await readTable(file, 'roster.xlsx', options({ mapping: { 1: 'name', 3: 'name' } }))).toMatchObject({ ok: false, rejection: { reason: 'BAD_MAPPING' } });
  });
});

describe('readTable on a hand-assembled .xlsx (what Excel stores for a typed ID)', () => {
  it('reads the numeric ID cell as a number, which converts to EXCEL_DAMAGED with its trusted 15 digits', async () => {
    const xlsx = buildXlsx({
      sharedStrings: ['姓名', '身份证号', '务工收入', '张三', '李四', '371525199001011239'],
      sheets: [
        {
          name: 'Sheet1',
          rows: [
            row(4, cell('A4', 0, { type: 's' }) + cell('B4', 1, { type: 's' }) + cell('C4', 2, { type: 's' })),
            row(5, cell('A5', 3, { type: 's' }) + '<c r="B5"><v>3.71502199001011E+17</v></c><c r="C5"><f>A5*2</f><v>42</v></c>'),
            row(6, cell('A6', 4, { type: 's' }) + cell('B6', 5, { type: 's' }) + '<c r="C6"><f>1+1</f></c>'),
          ].join(''),
        },
      ],
    });
    const table = await open(await dir.write('typed.xlsx', xlsx), 'typed.xlsx');
    const rows = await collect(table);
    expect(rows[0]!.raw.idNumber).toEqual({ type: 'number', number: 371502199001011000 });
    const damaged = convertCell('id', rows[0]!.raw.idNumber!, { id: { today } });
    expect(damaged).toMatchObject({ ok: false, code: 'EXCEL_DAMAGED', prefix15: '371502199001011' });
    if (!damaged.ok) expect(damaged.reason).toContain('format the column as text and re-enter it');
    expect(convertCell('amount', rows[0]!.raw.monthlyWage!)).toEqual({ ok: true, value: 42 });
    expect(convertCell('id', rows[1]!.raw.idNumber!, { id: { today } })).toMatchObject({ ok: true, value: { id: '371525199001011239' } });
    expect(convertCell('amount', rows[1]!.raw.monthlyWage!)).toMatchObject({ ok: false, code: 'UNCACHED_FORMULA' });
  });
});

describe('readTable on a hand-assembled .xlsx with a merged two-row header', () => {
  it('finds the header under the title rows and reads the rows below it, leaving out totals and notes', async () => {
    const s = (ref: string, i: number) => cell(ref, i, { type: 's' });
    const strings = ['XX县花名册', '序号', '户编号', '家庭成员', '联系电话', '姓名', '身份证号', '与户主关系', '张三', '户主', '合计', '注：本表由村填报', '001', '13800000000', '371525199001011239'];
    const rows = [
      row(1, s('A1', 0)),
      row(3, s('A3', 1) + s('B3', 2) + s('C3', 3) + '<c r="D3" s="0"/><c r="E3" s="0"/>' + s('F3', 4)),
      row(4, '<c r="A4"/><c r="B4"/>' + s('C4', 5) + s('D4', 6) + s('E4', 7) + '<c r="F4"/>'),
      row(5, cell('A5', 1) + s('B5', 12) + s('C5', 8) + s('D5', 14) + s('E5', 9) + s('F5', 13)),
      row(6, s('A6', 10) + cell('F6', 1)),
      row(8, s('A8', 11)),
    ].join('');
    const merges = '<mergeCells count="4"><mergeCell ref="A1:F1"/><mergeCell ref="A3:A4"/><mergeCell ref="B3:B4"/><mergeCell ref="C3:E3"/><mergeCell ref="F3:F4"/></mergeCells>';
    const xlsx = buildXlsx({ sharedStrings: strings, sheets: [{ name: '花名册', xml: worksheetXml(rows, '', merges) }] });
    const table = await open(await dir.write('merged.xlsx', xlsx), 'merged.xlsx');
    expect(table.header.headerRowNumbers).toEqual([3, 4]);
    expect(table.header.columns.map((c) => c.field)).toEqual([null, 'householdNo', 'name', 'idNumber', 'relation', 'phone']);
    const out = await collect(table);
    expect(out.map((r) => [r.rowNumber, text(r, 'name'), text(r, 'idNumber'), text(r, 'phone')])).toEqual([[5, '张三', '371525199001011239', '13800000000']]);
    expect(table.summary().skipped.notesOrTotals).toBe(2);
  });
});

describe('readTable on CSV', () => {
  const csv = [
    '2020年花名册,,,',
    '序号,姓名,身份证号码,出生日期',
    '1,张三,371525199001011239,1990/1/1',
    '2,李四,3.71502E+17,1990年2月2日',
    '序号,姓名,身份证号码,出生日期',
    '3,,,',
    '合计,2人,,',
  ].join('\r\n');

  it('reads GB18030 CSV, skipping a repeated header, pre-numbered empty rows and the totals row', async () => {
    const file = await dir.write('roster.csv', encodeGb18030(csv));
    const table = await open(file, '花名册.csv');
    expect(table.format).toBe('csv');
    expect(table.csv).toEqual({ encoding: 'gb18030', delimiter: ',' });
    expect(table.sheets).toEqual([{ index: 0, name: '花名册', state: 'visible' }]);
    const rows = await collect(table);
    expect(rows.map((r) => [r.rowNumber, r.line, text(r, 'name')])).toEqual([
      [3, 3, '张三'],
      [4, 4, '李四'],
    ]);
    expect(convertCell('date', rows[1]!.raw.birthDate!)).toEqual({ ok: true, value: { date: '1990-02-02', precision: 'day' } });
    expect(convertCell('id', rows[1]!.raw.idNumber!)).toMatchObject({ ok: false, code: 'EXCEL_DAMAGED' });
    expect(table.summary().skipped).toEqual({ empty: 1, notesOrTotals: 1, repeatedHeader: 1 });
  });

  it('uses the header row the user chose when none is recognised', async () => {
    const file = await dir.write('odd.csv', 'A,B\nname,id\n张三,371525199001011239\n');
    expect(await readTable(file, 'odd.csv', options())).toMatchObject({ ok: false, rejection: { reason: 'NO_HEADER' } });
    const table = await open(file, 'odd.csv', { headerRows: [2], mapping: { 0: 'name', 1: 'idNumber' } });
    const rows = await collect(table);
    expect(rows.map((r) => [text(r, 'name'), text(r, 'idNumber')])).toEqual([['张三', '371525199001011239']]);
  });

  it('passes the format rejection through', async () => {
    const file = await dir.write('page.xls', '<html><body><table></table></body></html>');
    expect(await readTable(file, 'page.xls', options())).toMatchObject({ ok: false, rejection: { reason: 'HTML_AS_EXCEL' } });
  });

  it('reports a sheet ended early by empty rows', async () => {
    const file = await dir.write('gap.csv', `姓名,身份证号\n张三,371525199001011239\n${',\n'.repeat(30)}李四,1\n`);
    const r = await readTable(file, 'gap.csv', options({ limits: ingestLimits({ maxConsecutiveEmptyRows: 20 }) }));
    if (!r.ok) throw new Error(r.rejection.message);
    const rows = await collect(r.value);
    expect(rows).toHaveLength(1);
    expect(r.value.summary().stoppedEarly).toEqual([{ sheet: 'gap', afterRow: 22 }]);
  });
});

it('every roster field kind converts through convertCell', () => {
  for (const f of ROSTER_CATALOGUE.fields) expect(fieldOf(ROSTER_CATALOGUE, f.key)?.kind).toBe(f.kind);
  expect(convertCell('coded:relation', { type: 'text', text: '长子' })).toEqual({ ok: true, value: 'son' });
});
