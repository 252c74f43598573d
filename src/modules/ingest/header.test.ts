import { describe, expect, it } from 'vitest';
import { ROSTER_CATALOGUE } from './fields.js';
import { detectHeader, headerKey, isNotesOrTotalsRow, matchHeading } from './header.js';
import { textCell, type RawCell } from './raw-cell.js';
import type { SourceRow } from './source.js';

/** Rows from a grid of strings; '' is an empty cell. */
function grid(first: number, rows: readonly (readonly (string | number)[])[]): SourceRow[] {
  return rows.map((cells, i) => ({ rowNumber: first + i, cells: cells.map((c): RawCell => (typeof c === 'number' ? { type: 'number', number: c } : textCell(c))) }));
}

const fieldsOf = (h: { columns: readonly { field: string | null }[] }) => h.columns.map((c) => c.field);

describe('matchHeading', () => {
  it('matches labels and synonyms exactly, after dropping spaces, stars, colons and full-width forms', () => {
    for (const heading of ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证件号码', ' 身份证 号码 ', '*身份证号', '身份证号：', '１.身份证号']) {
      expect(matchHeading(ROSTER_CATALOGUE, heading), heading).toEqual({ field: 'idNumber', confidence: 1, ignored: false });
    }
  });

  it('matches a heading with a bracketed note slightly less surely', () => {
    expect(matchHeading(ROSTER_CATALOGUE, '身份证号码（18位）')).toMatchObject({ field: 'idNumber', confidence: 0.9 });
    expect(matchHeading(ROSTER_CATALOGUE, '联系电话【手机】')).toMatchObject({ field: 'phone', confidence: 0.9 });
  });

  it('matches a heading that contains a field name, preferring the longest name', () => {
    const m = matchHeading(ROSTER_CATALOGUE, '本户户主身份证号码');
    expect(m.field).toBe('headIdNumber');
    expect(m.confidence).toBeGreaterThan(0.5);
    expect(m.confidence).toBeLessThan(1);
    expect(matchHeading(ROSTER_CATALOGUE, '2020年务工月收入').field).toBe('monthlyWage');
  });

  it('knows headings that mark a header but are no field, and headings it does not know', () => {
    expect(matchHeading(ROSTER_CATALOGUE, '序号')).toEqual({ field: null, confidence: 0, ignored: true });
    expect(matchHeading(ROSTER_CATALOGUE, '某个从未见过的列')).toEqual({ field: null, confidence: 0, ignored: false });
    expect(matchHeading(ROSTER_CATALOGUE, '')).toEqual({ field: null, confidence: 0, ignored: false });
  });

  it('headerKey is idempotent', () => {
    for (const s of ['*身份证号：', '（1）姓名', 'ＡＢＣ', ' a b ']) expect(headerKey(headerKey(s))).toBe(headerKey(s));
  });
});

describe('detectHeader', () => {
  it('finds a one-row header below title rows and maps its columns', () => {
    const rows = grid(1, [
      ['XX县2020年建档立卡贫困人口花名册'],
      ['填报单位：XX镇', '', '', '', '填报日期：2020年6月30日'],
      ['序号', '户编号', '姓名', '身份证号码', '与户主关系', '备注'],
      [1, '371522001001000001', '张三', '371502199001011234', '户主'],
    ]);
    const h = detectHeader(rows, ROSTER_CATALOGUE)!;
    expect(h.headerRowNumbers).toEqual([3]);
    expect(h.dataStartRow).toBe(4);
    expect(fieldsOf(h)).toEqual([null, 'householdNo', 'name', 'idNumber', 'relation', null]);
    expect(h.columns.map((c) => c.letter)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(h.missingRequired).toEqual([]);
  });

  it('combines a two-row header: group headings over field names, and fields merged down both rows', () => {
    // 家庭成员 spans C:E of row 2; 序号, 户编号 and 联系电话 are merged over rows 2-3, so row 3 is empty there.
    const rows = grid(1, [
      ['某村花名册'],
      ['序号', '户编号', '家庭成员', '', '', '联系电话'],
      ['', '', '姓名', '身份证号', '与户主关系', ''],
      [1, '001', '张三', '371502199001011234', '户主', '13800000000'],
    ]);
    const h = detectHeader(rows, ROSTER_CATALOGUE)!;
    expect(h.headerRowNumbers).toEqual([2, 3]);
    expect(h.dataStartRow).toBe(4);
    expect(h.columns.map((c) => c.header)).toEqual(['序号', '户编号', '家庭成员/姓名', '家庭成员/身份证号', '家庭成员/与户主关系', '联系电话']);
    expect(fieldsOf(h)).toEqual([null, 'householdNo', 'name', 'idNumber', 'relation', 'phone']);
  });

  it('uses the group heading to tell apart columns with the same name', () => {
    const rows = grid(1, [
      ['户主', '', '帮扶责任人', ''],
      ['姓名', '身份证号', '姓名', '联系电话'],
      ['张三', '371502199001011234', '王五', '13800000000'],
    ]);
    const h = detectHeader(rows, ROSTER_CATALOGUE)!;
    expect(h.headerRowNumbers).toEqual([1, 2]);
    expect(fieldsOf(h)).toEqual(['headName', 'headIdNumber', 'helperName', 'helperPhone']);
  });

  it('skips a row of column numbers under the header', () => {
    const rows = grid(1, [
      ['姓名', '身份证号', '性别', '民族'],
      [1, 2, 3, 4],
      ['张三', '371502199001011234', '男', '汉族'],
    ]);
    const h = detectHeader(rows, ROSTER_CATALOGUE)!;
    expect(h.dataStartRow).toBe(3);
  });

  it('gives each field to one column only, the surest', () => {
    const rows = grid(1, [['姓名', '成员姓名（必填）', '身份证号', '身份证']]);
    const h = detectHeader(rows, ROSTER_CATALOGUE)!;
    expect(fieldsOf(h)).toEqual(['name', null, 'idNumber', null]);
  });

  it('marks hidden columns and lists required fields it did not find', () => {
    const h = detectHeader(grid(5, [['姓名', '性别', '民族']]), ROSTER_CATALOGUE, { hidden: [{ from: 1, to: 1 }] })!;
    expect(h.columns.map((c) => c.hidden)).toEqual([false, true, false]);
    expect(h.missingRequired).toEqual(['idNumber']);
  });

  it('uses the header rows the user chose', () => {
    const rows = grid(1, [
      ['姓名', '身份证号'],
      ['甲', '乙'],
      ['张三', '371502199001011234'],
    ]);
    const h = detectHeader(rows, ROSTER_CATALOGUE, { headerRows: [2] })!;
    expect(h.headerRowNumbers).toEqual([2]);
    expect(h.dataStartRow).toBe(3);
    expect(fieldsOf(h)).toEqual([null, null]);
  });

  it('returns null when no row names at least two fields, even with a stray 户主 or 低保 in the data', () => {
    expect(detectHeader(grid(1, [['张三', '户主', '低保'], ['李四', '配偶', '']]), ROSTER_CATALOGUE)).toBeNull();
    expect(detectHeader([], ROSTER_CATALOGUE)).toBeNull();
  });
});

describe('isNotesOrTotalsRow', () => {
  const row = (...cells: string[]) => cells.map((c) => textCell(c));

  it('recognises totals, notes and signature lines by their first non-empty cell', () => {
    for (const r of [row('合计', '', '100'), row('', '总 计'), row('小计：'), row('注：身份证号请填写18位'), row('注1.本表…'), row('填表人：张三', '', '审核人：李四'), row('制表：扶贫办'), row('备注'), row('说明：…'), row('', '', '')]) {
      expect(isNotesOrTotalsRow(r), JSON.stringify(r)).toBe(true);
    }
  });

  it('leaves data rows alone', () => {
    for (const r of [row('1', '张三'), row('', '注册地'), row('王合计'), row('说', '明')]) expect(isNotesOrTotalsRow(r), JSON.stringify(r)).toBe(false);
  });
});
