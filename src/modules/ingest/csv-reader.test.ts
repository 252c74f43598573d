import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoDecoder, detectDelimiter, openCsv, type CsvOptions } from './csv-reader.js';
import { ingestLimits, type IngestLimits } from './limits.js';
import { cellText } from './raw-cell.js';
import { FileRejectedError } from './rejection.js';
import { encodeGb18030, tempDir, type TempDir } from './test-files.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

const ROSTER = '姓名,身份证号,与户主关系\n张三,371502199001011234,户主\n李·四,37150219900101123X,配偶\n';

async function read(data: string | Buffer, opts: CsvOptions = {}, limits: IngestLimits = ingestLimits()) {
  const file = await dir.write(`f${Math.random().toString(36).slice(2)}.csv`, data);
  const opened = await openCsv(file, limits, opts);
  if (!opened.ok) throw new Error(opened.rejection.message);
  const source = opened.value.rows();
  const rows: { rowNumber: number; line?: number; cells: string[] }[] = [];
  for await (const r of source) rows.push({ rowNumber: r.rowNumber, line: r.line, cells: r.cells.map((c) => cellText(c)) });
  return { encoding: opened.value.encoding, delimiter: opened.value.delimiter, rows, stats: { ...source.stats }, bytes: source.bytesRead() };
}

describe('openCsv: encodings', () => {
  it('reads UTF-8 with a BOM, and does not keep the BOM in the first heading', async () => {
    const r = await read(`\uFEFF${ROSTER}`);
    expect(r.encoding).toBe('utf-8');
    expect(r.rows[0]!.cells).toEqual(['姓名', '身份证号', '与户主关系']);
    expect(r.rows[2]!.cells[0]).toBe('李·四');
  });

  it('reads UTF-8 without a BOM', async () => {
    const r = await read(ROSTER);
    expect(r.encoding).toBe('utf-8');
    expect(r.rows.map((x) => x.cells[0])).toEqual(['姓名', '张三', '李·四']);
  });

  it('detects GB18030 (what Chinese Excel saves as CSV)', async () => {
    const r = await read(encodeGb18030(ROSTER));
    expect(r.encoding).toBe('gb18030');
    expect(r.rows[1]!.cells).toEqual(['张三', '371502199001011234', '户主']);
    expect(r.rows[2]!.cells[0]).toBe('李·四');
  });

  it('decides at the first non-ASCII byte, however far into the file', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `${i},371502199001011234,x`).join('\n');
    const r = await read(Buffer.concat([Buffer.from(`${ascii}\n`), encodeGb18030('王五,371502199001011234,之子\n')]));
    expect(r.encoding).toBe('gb18030');
    expect(r.rows.at(-1)!.cells[0]).toBe('王五');
    expect(r.rows).toHaveLength(5001);
  });

  it('reads the encoding the user chose', async () => {
    const r = await read(encodeGb18030(ROSTER), { encoding: 'gb18030' });
    expect(r.rows[1]!.cells[0]).toBe('张三');
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text", tab-separated)', async () => {
    const text = '姓名\t身份证号\n张三\t371502199001011234\n';
    const r = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(r.encoding).toBe('utf-16le');
    expect(r.delimiter).toBe('\t');
    expect(r.rows[1]!.cells).toEqual(['张三', '371502199001011234']);
  });

  it('keeps Chinese characters whole across the 1 MB chunk boundary', async () => {
    const line = '张三丰,371502199001011234,户主\n';
    const text = line.repeat(Math.ceil((1.2 * 1024 * 1024) / Buffer.byteLength(line)));
    const r = await read(encodeGb18030(text));
    expect(r.rows.every((x) => x.cells[0] === '张三丰')).toBe(true);
    const u = await read(text);
    expect(u.rows.every((x) => x.cells[0] === '张三丰')).toBe(true);
  });

  it('fails with the line when a file chosen as UTF-8 turns invalid later', async () => {
    const good = '姓名,身份证号\n'.repeat(10_000);
    const file = Buffer.concat([Buffer.from(good), encodeGb18030('张三,1\n')]);
    await expect(read(file)).rejects.toMatchObject({ rejection: { reason: 'BAD_ENCODING' } });
  });
});

describe('openCsv: delimiters and layout', () => {
  it('detects tab and semicolon, ignoring a title line and delimiters inside quotes', async () => {
    const tab = await read('XX县花名册\n姓名\t身份证号\t备注\n张三\t371502199001011234\t"a\tb"\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows[2]!.cells).toEqual(['张三', '371502199001011234', 'a\tb']);
    const semi = await read('姓名;身份证号;金额\n张三;371502199001011234;"1,234.50"\n李四;371502199001011234;"2,000"\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.rows[1]!.cells[2]).toBe('1,234.50');
  });

  it('uses the delimiter the user chose', async () => {
    const r = await read('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(r.rows[0]!.cells).toEqual(['a;b', 'c']);
  });

  it('numbers rows as Excel does and keeps the line where each starts', async () => {
    const r = await read('标题\r\n\r\n姓名,备注\r\n张三,"第一行\r\n第二行"\n李四,x\r王五,y\n');
    expect(r.rows.map((x) => [x.rowNumber, x.line, x.cells[0]])).toEqual([
      [1, 1, '标题'],
      [3, 3, '姓名'],
      [4, 4, '张三'],
      [5, 6, '李四'],
      [6, 7, '王五'],
    ]);
    expect(r.rows[2]!.cells[1]).toBe('第一行\r\n第二行');
    expect(r.stats.emptyRows).toBe(1);
  });

  it('drops trailing empty cells and passes over rows of nothing but delimiters', async () => {
    const r = await read('姓名,身份证号,,,\n张三,1,,,\n,,,,\n');
    expect(r.rows.map((x) => x.cells)).toEqual([['姓名', '身份证号'], ['张三', '1']]);
  });

  it('stops after the limit of consecutive empty rows', async () => {
    const r = await read(`姓名\n张三\n${',,,\n'.repeat(50)}李四\n`, {}, ingestLimits({ maxConsecutiveEmptyRows: 10 }));
    expect(r.rows.map((x) => x.cells[0])).toEqual(['姓名', '张三']);
    expect(r.stats.stoppedAtRow).toBe(12);
  });

  it('refuses a file with more rows than allowed, and an unclosed quote, as typed rejections', async () => {
    await expect(read('a\nb\nc\nd\n', {}, ingestLimits({ maxRows: 3 }))).rejects.toMatchObject({ rejection: { reason: 'TOO_MANY_ROWS' } });
    const e = await read(`姓名\n"张三,1\n${'x,y\n'.repeat(100)}`, {}, ingestLimits({ maxCsvRecordChars: 200 })).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(FileRejectedError);
    expect((e as FileRejectedError).rejection.reason).toBe('BAD_CSV');
  });

  it('reports bytes read for progress', async () => {
    const r = await read(ROSTER);
    expect(r.bytes).toBe(Buffer.byteLength(ROSTER));
  });
});

describe('detectDelimiter', () => {
  it('prefers the delimiter with a consistent count per line', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(detectDelimiter('a\tb,x\tc\n1\t2,000\t3\n4\t5\t6\n')).toBe('\t');
    expect(detectDelimiter('只有一列\n第二行\n')).toBe(',');
  });
});

describe('AutoDecoder', () => {
  it('gives ASCII through before deciding, and decides UTF-8 on valid multi-byte text split across writes', () => {
    const d = new AutoDecoder();
    const bytes = Buffer.from('abc,张三\n');
    expect(d.write(bytes.subarray(0, 5))).toBe('abc,');
    expect(d.write(bytes.subarray(5))).toBe('');
    expect(d.end()).toBe('张三\n');
    expect(d.encoding).toBe('utf-8');
  });
});
