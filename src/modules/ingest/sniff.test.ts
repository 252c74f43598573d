import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { ingestLimits } from './limits.js';
import { FileRejectedError, rejectionError } from './rejection.js';
import { sniffFile, sniffHead } from './sniff.js';
import { buildXlsx, cell, row, tempDir, type TempDir } from './test-files.js';
import { makeZip } from './test-zip.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

async function reasonOf(data: string | Buffer, name: string, limits = ingestLimits()) {
  const r = await sniffFile(await dir.write(name, data), name, limits);
  return r.ok ? r.value : r.rejection.reason;
}

describe('sniffFile', () => {
  it('reads a real workbook as xlsx whatever its name', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').addRow(['姓名']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await reasonOf(xlsx, 'roster.xlsx')).toBe('xlsx');
    expect(await reasonOf(xlsx, 'renamed.xls')).toBe('xlsx');
    expect(await sniffFile(xlsx, 'in-memory.xlsx')).toEqual({ ok: true, value: 'xlsx' });
  });

  it('reads text as csv', async () => {
    expect(await reasonOf('姓名,身份证号\n张三,1\n', 'a.csv')).toBe('csv');
    expect(await reasonOf('\uFEFF姓名\t身份证号\n', 'a.txt')).toBe('csv');
    expect(await reasonOf('姓名,身份证号\n', 'no-extension')).toBe('csv');
  });

  it('refuses an old binary .xls, with a message to save as .xlsx', async () => {
    const r = await sniffFile(await dir.write('old.xls', OLE2), 'old.xls');
    expect(r).toMatchObject({ ok: false, rejection: { reason: 'OLD_XLS' } });
    if (!r.ok) {
      expect(r.rejection.messageZh).toContain('另存为.xlsx');
      expect(r.rejection.message).toContain('save it as .xlsx');
    }
  });

  it('tells a password-protected .xlsx (a compound file too) from an old .xls', async () => {
    expect(await reasonOf(OLE2, 'secret.xlsx')).toBe('ENCRYPTED');
    expect(await reasonOf(OLE2, 'letter.doc')).toBe('UNSUPPORTED');
  });

  it('refuses an HTML page saved with an Excel name', async () => {
    expect(await reasonOf('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><table><tr><td>姓名</td></tr></table></html>', 'export.xls')).toBe('HTML_AS_EXCEL');
    expect(await reasonOf('\uFEFF  <!DOCTYPE html><html></html>', 'export.xls')).toBe('HTML_AS_EXCEL');
    expect(await reasonOf('<table border=1><tr><td>1</td></tr></table>', 'export.xlsx')).toBe('HTML_AS_EXCEL');
    expect(await reasonOf('MIME-Version: 1.0\r\nContent-Type: multipart/related', 'page.xls')).toBe('HTML_AS_EXCEL');
  });

  it('refuses an Excel 2003 XML spreadsheet and text named like a workbook', async () => {
    expect(await reasonOf('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', 'a.xml')).toBe('XML_SPREADSHEET');
    expect(await reasonOf('姓名\t身份证号\n张三\t1\n', 'export.xls')).toBe('TEXT_AS_EXCEL');
  });

  it('refuses a zip that is not a workbook (a renamed archive), an .xlsb and a Word document', async () => {
    expect(await reasonOf(makeZip([{ name: 'photos/1.jpg', data: 'x' }]), 'roster.xlsx')).toBe('NOT_XLSX_ZIP');
    expect(await reasonOf(makeZip([{ name: 'xl/workbook.bin', data: 'x' }]), 'roster.xlsx')).toBe('UNSUPPORTED');
    expect(await reasonOf(makeZip([{ name: 'word/document.xml', data: '<w/>' }]), 'roster.xlsx')).toBe('UNSUPPORTED');
  });

  it('refuses empty, oversized, binary and damaged files', async () => {
    expect(await reasonOf('', 'empty.csv')).toBe('EMPTY');
    expect(await reasonOf('a,b\n1,2\n', 'big.csv', ingestLimits({ maxFileBytes: 4 }))).toBe('TOO_LARGE');
    expect(await reasonOf(Buffer.from('%PDF-1.7 ...'), 'scan.xlsx')).toBe('UNSUPPORTED');
    expect(await reasonOf(Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01]), 'x.csv')).toBe('UNSUPPORTED');
    expect(await reasonOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), 'cut.xlsx')).toBe('CORRUPT_ZIP');
  });

  it('refuses a zip bomb by the declared sizes in its central directory, before inflating anything', async () => {
    const bomb = buildXlsx({ sheets: [{ name: 'S', rows: row(1, cell('A1', 1)) }], extra: [{ name: 'xl/media/pad.bin', data: Buffer.alloc(4 * 1024 * 1024) }] });
    expect(await reasonOf(bomb, 'bomb.xlsx', ingestLimits({ maxUncompressedBytes: 1024 * 1024 }))).toBe('ZIP_BOMB');
    expect(await reasonOf(bomb, 'bomb.xlsx')).toBe('xlsx');
  });
});

describe('sniffHead', () => {
  it('decides from the first bytes alone', () => {
    expect(sniffHead(Buffer.from('PK\x03\x04'), 'a.xlsx')).toEqual({ ok: true, value: 'zip' });
    expect(sniffHead(Buffer.from('\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00', 'latin1'), 'a.xls')).toMatchObject({ ok: false, rejection: { reason: 'HTML_AS_EXCEL' } });
    expect(sniffHead(Buffer.from('\xFF\xFEa\x00,\x00b\x00', 'latin1'), 'a.csv')).toEqual({ ok: true, value: 'csv' });
  });
});

describe('rejectionError', () => {
  it('is an AppError with the catalogue code BAD_REQUEST and the reason in its details', () => {
    const e = rejectionError({ reason: 'OLD_XLS', message: 'm', messageZh: 'z', details: {} });
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(FileRejectedError);
    expect(e).toMatchObject({ code: 'BAD_REQUEST', status: 400, messageZh: 'z', details: { reason: 'OLD_XLS' } });
  });
});
