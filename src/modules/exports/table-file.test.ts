import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chinaDateTime, contentDisposition, csvStream, exportFileName, neutralise, xlsxStream, type ExportColumn } from './table-file.js';

interface Row {
  id: string;
  name: string;
  amount: number;
  code: number;
}

const COLUMNS: ExportColumn<Row>[] = [
  { header: '身份证号', value: (r) => r.id, text: true, width: 22 },
  { header: '姓名', value: (r) => r.name },
  { header: '金额', value: (r) => r.amount },
  { header: '编码', value: (r) => r.code, text: true },
];
const META = { title: '测试名单', subtitle: '区域：冠县\u3000导出时间：2026-11-28 17:00:00\u3000导出人：wang' };

async function* batches(...rows: Row[][]) {
  for (const batch of rows) yield batch;
}

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('neutralise', () => {
  it('quotes every value a spreadsheet would read as a formula', () => {
    for (const v of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', ' =1+2', '\u3000=1+2', '＝1+2', '＋1', '－1', '＠x']) {
      expect(neutralise(v), JSON.stringify(v)).toBe(`'${v}`);
    }
  });

  it('leaves ordinary values alone', () => {
    for (const v of ['张三', '1-2', 'a=b', '371525********123X', '', '2026-11-28']) expect(neutralise(v)).toBe(v);
  });
});

describe('names and times', () => {
  it('writes times in China time whatever the server zone', () => {
    expect(chinaDateTime(new Date('2026-11-28T09:00:00Z'))).toBe('2026-11-28 17:00:00');
    expect(chinaDateTime('2026-12-31T16:30:05.123Z')).toBe('2027-01-01 00:30:05');
    expect(chinaDateTime(null)).toBe('');
  });

  it('stamps the file name in China time and keeps a Chinese name through Content-Disposition', () => {
    const name = exportFileName('建档立卡户名单', 'xlsx', new Date('2026-11-28T16:30:00Z'));
    expect(name).toBe('建档立卡户名单_202611290030.xlsx');
    expect(contentDisposition(name)).toBe(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  });
});

describe('xlsxStream', () => {
  it('writes a title block, a frozen header, widths, text cells and neutralised values', async () => {
    const rows: Row[] = [
      { id: '371525199001011234', name: '=1+2', amount: -5, code: 1234567890123456 },
      { id: '371525********123X', name: 'x'.repeat(40_000), amount: 12.5, code: 7 },
    ];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(xlsxStream(COLUMNS, META, batches([rows[0]!], [], [rows[1]!])));
    const ws = wb.worksheets[0]!;

    expect(ws.getCell('A1').value).toBe('测试名单');
    expect(ws.getCell('A2').value).toBe(META.subtitle);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:D1', 'A2:D2']));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
    expect(ws.getRow(3).values).toEqual([undefined, '身份证号', '姓名', '金额', '编码']);
    expect(ws.getColumn(1).width).toBe(22);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(10);

    const id = ws.getCell('A4');
    expect(id.type).toBe(ExcelJS.ValueType.String);
    expect(id.value).toBe('371525199001011234');
    expect(id.numFmt).toBe('@');
    expect(ws.getCell('D4').value).toBe('1234567890123456');
    expect(ws.getCell('B4').value).toBe("'=1+2");
    expect(ws.getCell('C4').value).toBe(-5);
    // Excel refuses cells over 32,767 characters.
    expect(String(ws.getCell('B5').value)).toHaveLength(32_767);
    expect(ws.rowCount).toBe(5);
  });
});

describe('csvStream', () => {
  it('starts with a BOM, quotes what needs it and neutralises formulas', async () => {
    const text = (await bytes(csvStream(COLUMNS, META, batches([{ id: '371525199001011234', name: '=HYPERLINK("x"),1', amount: -5, code: 42 }])))).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['测试名单', META.subtitle, '身份证号,姓名,金额,编码']);
    expect(lines[3]).toBe(`371525199001011234,"'=HYPERLINK(""x""),1",-5,42`);
    expect(lines[4]).toBe('');
  });
});
