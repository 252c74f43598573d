/**
 * A throughput check of the reading layer, run by hand (not a test: timings depend on the machine):
 *
 *   npx tsx src/modules/ingest/throughput-check.ts [xlsxRows=200000] [csvRows=1000000]
 *
 * Writes a 25-column roster as .xlsx (ExcelJS streaming writer, shared strings as Excel writes them) and as UTF-8
 * CSV into a temporary folder, then reads each through readTable in a fresh process and prints rows/s and the
 * process's peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../../domain/id-number.js';
import { ROSTER_CATALOGUE } from './fields.js';
import { ingestLimits } from './limits.js';
import { readTable } from './read-table.js';

const HEADINGS = ['序号', '户编号', '县', '乡镇', '村', '姓名', '身份证号', '与户主关系', '性别', '出生日期', '民族', '文化程度', '在校生状况', '健康状况', '劳动技能', '务工状况', '务工收入', '参加城乡居民基本医疗保险', '参加大病保险', '是否享受低保', '是否特困供养', '联系电话', '户类型', '主要致贫原因', '帮扶责任人'];

function member(i: number): (string | number)[] {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
  const name = `张${String.fromCharCode(0x4e00 + ((i * 7) % 20_000))}${String.fromCharCode(0x4e00 + ((i * 13) % 20_000))}`;
  return [i + 1, `3715220010${String(i >> 2).padStart(7, '0')}`, '莘县', '观城镇', `第${i % 300}村`, name, makeIdNumber('371522', birth, i % 1000), i % 4 === 0 ? '户主' : '之子', i % 2 ? '男' : '女', birth, '汉族', '小学', '非在校生', '健康', '普通劳动力', '县内乡镇外务工', 1200 + (i % 1000), '是', '是', '否', '否', `138${String(i).padStart(8, '0')}`, '脱贫户', '因病', `李${i % 500}`];
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['莘县建档立卡人口花名册']).commit();
  ws.addRow(HEADINGS).commit();
  for (let i = 0; i < rows; i++) ws.addRow(member(i)).commit();
  await ws.commit();
  await wb.commit();
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok())));
  await write(`\uFEFF${HEADINGS.join(',')}\n`);
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch += `${member(i).join(',')}\n`;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  await new Promise<void>((ok) => out.end(() => ok()));
}

/**
 * Child mode: read one file and print a JSON line. Peak memory is sampled: the child's maxRSS would include the
 * generating parent's, which Linux carries over into a forked child.
 */
async function measure(file: string): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  // The 1,000,000-row CSV is larger than the default 200 MB upload limit: the check measures reading, not the limit.
  const r = await readTable(file, file, { catalogue: ROSTER_CATALOGUE, limits: ingestLimits({ maxFileBytes: Number.MAX_SAFE_INTEGER }) });
  if (!r.ok) throw new Error(r.rejection.message);
  let rows = 0;
  for await (const row of r.value.rows) if (row.raw.idNumber) rows++;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), peakRssMB: Math.round(peak / 1024 / 1024) }));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') return measure(process.argv[3]!);
  const xlsxRows = Number(process.argv[2] ?? 200_000);
  const csvRows = Number(process.argv[3] ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'jingzhun-throughput-'));
  try {
    const xlsx = join(dir, 'roster.xlsx');
    const csv = join(dir, 'roster.csv');
    await writeXlsx(xlsx, xlsxRows);
    await writeCsv(csv, csvRows);
    for (const [label, file] of [['xlsx', xlsx], ['csv', csv]] as const) {
      const size = (await stat(file)).size;
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      console.log(`${label}: ${Math.round(size / 1024 / 1024)} MB file, ${child.stdout.trim()}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
