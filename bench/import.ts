/**
 * Import benchmark (issue 3 item 11), part of `npm run bench` (`npm run bench -- import` for this part alone):
 * household rosters of the demo city (src/modules/demo/roster-file.ts) — CSV of 100,000 and 1,000,000 members and
 * .xlsx of 200,000 — imported into a scratch PostgreSQL database that holds that demo city's areas and logins.
 * For each file: the dry run (read, check, compare) and the commit (valid households only), rows per second and the
 * importing process's peak memory (each import runs in a process of its own: bench/import-child.ts); then the same
 * rows COPYed into the same tables of another scratch database (bench/copy-baseline.ts), and the ratio.
 *
 * Targets (issue 3): CSV commit at least a third of COPY's rows/s with full validation; .xlsx at least 50,000
 * rows/s; peak memory under 500 MB at any size. Figures only, no timed assertions. Needs BENCH_DATABASE_URL.
 *
 *   npm run bench -- import [--smoke] [--csv 100000,1000000] [--xlsx 200000] [--keep DIR]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { query } from '../src/db/client.js';
import { createDemoAreas } from '../src/modules/demo/generate.js';
import { writeRosterFile, type RosterFormat } from '../src/modules/demo/roster-file.js';
import { copyIn, prepareCopyFiles } from './copy-baseline.js';
import type { ChildArgs, ChildReport, ReadOnlyReport } from './import-child.js';
import { scratchDatabase } from '../src/db/scratch.js';
import { round } from './stats.js';

export interface ImportBenchOptions {
  smoke: boolean;
  serverUrl: string | undefined;
  /** Members per file. */
  csv?: number[];
  xlsx?: number[];
  /** Keep the roster files in this folder (reused by the next run when present). */
  keep?: string;
}

const SEED = 2020;
/** Members per household in the demo city (199,596 / 70,801), less the few who died: to size files by members. */
const MEMBERS_PER_HOUSEHOLD = 2.816;
const TARGET_COPY_SHARE = 1 / 3;
const TARGET_XLSX_ROWS_PER_S = 50_000;
const TARGET_PEAK_MB = 500;
const HERE = path.dirname(fileURLToPath(import.meta.url));

interface Case {
  format: RosterFormat;
  members: number;
  households: number;
  file: string;
}

interface Outcome {
  c: Case;
  rows: number;
  fileMb: number;
  child: ChildReport;
  laps: [string, number][];
  /** Reading the file alone (ingest layer, no database). */
  read: ReadOnlyReport;
  written: { households: number; members: number; events: number; audit: number };
  copy: { ms: number; households: number; members: number };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const label = (c: Case) => `${c.format} ${c.members >= 1_000_000 ? `${c.members / 1_000_000}M` : c.members >= 1000 ? `${c.members / 1000}k` : c.members}`;

/** The child's report, and the phase timings the import prints with JINGZHUN_IMPORT_TIMING=1 ("[import 1] x: 1.2 s"). */
function runChild<R = ChildReport>(args: ChildArgs): Promise<{ report: R; laps: [string, number][] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'import-child.ts'), JSON.stringify(args)], {
      cwd: path.resolve(HERE, '..'),
      env: { ...process.env, JINGZHUN_IMPORT_TIMING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const laps: [string, number][] = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const lines = err.split('\n');
      err = lines.pop() ?? '';
      for (const line of lines) {
        const lap = /^\[import \d+\] (.+): ([\d.]+) s$/.exec(line);
        if (lap) laps.push([lap[1]!, Number(lap[2])]);
        else process.stderr.write(line + '\n');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (err) process.stderr.write(err + '\n');
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`import child exited ${code}: ${out}`));
      resolve({ report: JSON.parse(line) as R, laps });
    });
  });
}

async function rosterFile(c: Omit<Case, 'file'>, dir: string): Promise<Case> {
  const file = path.join(dir, `roster-${c.format}-${c.households}h-seed${SEED}.${c.format === 'xlsx' ? 'xlsx' : 'csv'}`);
  if (!fs.existsSync(file)) {
    const started = performance.now();
    const tmp = `${file}.part`;
    const r = await writeRosterFile(tmp, { households: c.households, seed: SEED, format: c.format });
    fs.renameSync(tmp, file);
    console.log(`  wrote ${path.basename(file)}: ${fmt(r.members)} members, ${round(r.bytes / 1048576, 1)} MB in ${round((performance.now() - started) / 1000, 1)} s`);
  }
  return { ...c, file };
}

async function runCase(c: Case, serverUrl: string, dir: string): Promise<Outcome> {
  const fileBytes = fs.statSync(c.file).size;
  const maxFileBytes = Math.max(fileBytes + 1, 200 * 1048576);
  const { report: read } = await runChild<ReadOnlyReport>({ readOnly: true, url: '', file: c.file, mode: null, maxFileBytes });
  // The import's database: the demo city's areas and logins, no households.
  const target = await scratchDatabase(serverUrl, 2);
  let child: ChildReport;
  let laps: [string, number][];
  let written: Outcome['written'];
  try {
    await createDemoAreas(target.db, { households: c.households, seed: SEED });
    await target.db.execute(sql`ANALYZE`);
    ({ report: child, laps } = await runChild({ url: target.url!, file: c.file, mode: 'valid_only', maxFileBytes }));
    const [w] = await query<Outcome['written']>(
      target.db,
      sql`SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM members)::int AS members,
                 (SELECT count(*) FROM member_events)::int AS events, (SELECT count(*) FROM audit_log)::int AS audit`,
    );
    written = w!;
  } finally {
    await target.dispose();
  }
  if (child.final.status !== 'committed') {
    throw new Error(`${label(c)}: the import ended ${child.final.status}: ${JSON.stringify(child.final.failure ?? child.dryRun.failure)}`);
  }

  // The baseline: the same rows by COPY into a fresh database with the same areas.
  const base = await scratchDatabase(serverUrl, 2);
  let copy: Outcome['copy'];
  const copyDir = fs.mkdtempSync(path.join(dir, 'copy-'));
  try {
    await createDemoAreas(base.db, { households: c.households, seed: SEED });
    await base.db.execute(sql`ANALYZE`);
    const files = await prepareCopyFiles(base.db, SEED, c.households, copyDir);
    const ms = await copyIn(base.url!, files);
    copy = { ms, households: files.households.rows, members: files.members.rows };
  } finally {
    fs.rmSync(copyDir, { recursive: true, force: true });
    await base.dispose();
  }
  return { c, rows: child.final.summary?.rows ?? 0, fileMb: fileBytes / 1048576, child, laps, read, written, copy };
}

function phases(p: Record<string, number>, totalMs: number): string {
  const order = ['reading', 'checking', 'comparing', 'applying'].filter((k) => p[k] !== undefined);
  return order
    .map((k, i) => {
      const end = i + 1 < order.length ? p[order[i + 1]!]! : totalMs;
      return `${k} ≈${round((end - (i === 0 ? 0 : p[k]!)) / 1000, 1)}s`;
    })
    .join(', ');
}

function report(outcomes: Outcome[], smoke: boolean): void {
  const pad = (s: string, n: number) => s.padStart(n);
  console.log('');
  console.log(
    `${'file'.padEnd(10)}${pad('rows', 11)}${pad('MB', 7)} │${pad('dry run s', 10)}${pad('rows/s', 9)}${pad('peak MB', 8)} │${pad('commit s', 9)}${pad('rows/s', 9)}${pad('peak MB', 8)} │${pad('total rows/s', 13)} │${pad('COPY s', 8)}${pad('rows/s', 10)} │${pad('commit÷COPY', 12)}${pad('total÷COPY', 11)}`,
  );
  for (const o of outcomes) {
    const dry = o.child.dryRunMs / 1000;
    const commit = (o.child.commitMs ?? NaN) / 1000;
    const copyRate = o.copy.members / (o.copy.ms / 1000);
    const commitRate = o.rows / commit;
    const totalRate = o.rows / (dry + commit);
    console.log(
      `${label(o.c).padEnd(10)}${pad(fmt(o.rows), 11)}${pad(String(round(o.fileMb, 0)), 7)} │${pad(String(round(dry, 1)), 10)}${pad(fmt(o.rows / dry), 9)}${pad(String(o.child.dryRunPeakMb), 8)} │${pad(String(round(commit, 1)), 9)}${pad(fmt(commitRate), 9)}${pad(String(o.child.peakMb), 8)} │${pad(fmt(totalRate), 13)} │${pad(String(round(o.copy.ms / 1000, 1)), 8)}${pad(fmt(copyRate), 10)} │${pad(round(commitRate / copyRate, 2).toFixed(2), 12)}${pad(round(totalRate / copyRate, 2).toFixed(2), 11)}`,
    );
  }
  console.log('');
  for (const o of outcomes) {
    const s = o.child.final.summary!;
    const r = o.child.final.result!;
    console.log(
      `${label(o.c)}: ${fmt(s.rows)} rows, ${fmt(s.errors)} errors / ${fmt(s.warnings)} warnings (planted problems), ${fmt(s.households.rejected)} households held back; ` +
        `committed ${fmt(r.householdsCreated)} households + ${fmt(r.membersCreated)} members (+ ${fmt(o.written.events)} member events, ${fmt(o.written.audit)} audit rows); ` +
        `COPY ${fmt(o.copy.households)} households + ${fmt(o.copy.members)} members`,
    );
    const steps = o.laps.length
      ? o.laps.map(([k, v]) => `${k} ${round(v, 1)}`).join(', ') + ' (s)'
      : `dry run: ${phases(o.child.dryRunPhases, o.child.dryRunMs)}; commit: ${phases(o.child.commitPhases, o.child.commitMs ?? 0)}`;
    console.log(
      `  reading the file alone (no database): ${fmt(o.read.rows / (o.read.ms / 1000))} rows/s; into checked typed rows as staged (row.ts): ${fmt(o.read.rows / (o.read.stagedMs / 1000))} rows/s; peak ${o.read.peakMb} MB`,
    );
    console.log(`  ${steps}; getrusage maxRSS ${o.child.maxRssMb} MB (includes the benchmark's own peak)`);
  }

  // Memory as files grow: the smallest and largest CSV side by side.
  const csv = outcomes.filter((o) => o.c.format !== 'xlsx').sort((a, b) => a.rows - b.rows);
  if (csv.length >= 2) {
    const [a, b] = [csv[0]!, csv.at(-1)!];
    console.log(
      `\npeak memory, ${label(a.c)} vs ${label(b.c)} (${round(b.rows / a.rows, 1)}× the rows): dry run ${a.child.dryRunPeakMb} vs ${b.child.dryRunPeakMb} MB, ` +
        `whole import ${a.child.peakMb} vs ${b.child.peakMb} MB`,
    );
  }

  console.log(`\ntargets${smoke ? ' (smoke: files far too small for the figures to mean anything)' : ''}:`);
  for (const o of csv) {
    const share = o.rows / ((o.child.commitMs ?? NaN) / 1000) / (o.copy.members / (o.copy.ms / 1000));
    const total = o.rows / ((o.child.dryRunMs + (o.child.commitMs ?? NaN)) / 1000) / (o.copy.members / (o.copy.ms / 1000));
    console.log(
      `  ${share >= TARGET_COPY_SHARE ? 'MET    ' : 'NOT MET'} ${label(o.c)} commit ≥ 1/3 of COPY's rows/s: ${round(share, 2).toFixed(2)} (dry run + commit: ${round(total, 2).toFixed(2)})`,
    );
  }
  for (const o of outcomes.filter((x) => x.c.format === 'xlsx')) {
    // The target is read as the .xlsx turned into checked typed rows as the import stages them; the dry run adds
    // writing them to the database and the set-based checks.
    const stagedRate = o.read.rows / (o.read.stagedMs / 1000);
    const dryRate = o.rows / (o.child.dryRunMs / 1000);
    const totalRate = o.rows / ((o.child.dryRunMs + (o.child.commitMs ?? NaN)) / 1000);
    console.log(
      `  ${stagedRate >= TARGET_XLSX_ROWS_PER_S ? 'MET    ' : 'NOT MET'} ${label(o.c)} ≥ ${fmt(TARGET_XLSX_ROWS_PER_S)} rows/s: file → checked typed rows ${fmt(stagedRate)} rows/s (whole dry run, read + stage + check: ${fmt(dryRate)} rows/s; dry run + commit: ${fmt(totalRate)} rows/s)`,
    );
  }
  const peak = Math.max(...outcomes.map((o) => o.child.peakMb));
  console.log(`  ${peak < TARGET_PEAK_MB ? 'MET    ' : 'NOT MET'} peak memory < ${TARGET_PEAK_MB} MB at every size: largest ${peak} MB`);
}

export async function runImportBench(opts: ImportBenchOptions): Promise<void> {
  const csv = opts.csv ?? (opts.smoke ? [1_000, 4_000] : [100_000, 1_000_000]);
  const xlsx = opts.xlsx ?? (opts.smoke ? [2_000] : [200_000]);
  console.log(`# Jingzhun import benchmark — CSV ${csv.map(fmt).join(' / ')} and xlsx ${xlsx.map(fmt).join(' / ')} members${opts.serverUrl ? ', PostgreSQL server' : ''}${opts.smoke ? ' (smoke)' : ''}`);
  if (!opts.serverUrl) {
    console.log('skipped: the import benchmark needs a PostgreSQL server (BENCH_DATABASE_URL); each import runs in a process of its own');
    return;
  }
  const dir = opts.keep ? path.resolve(opts.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhun-import-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    const cases: Case[] = [];
    for (const [format, sizes] of [['csv', csv], ['xlsx', xlsx]] as const) {
      for (const members of sizes) {
        cases.push(await rosterFile({ format, members, households: Math.max(1, Math.round(members / MEMBERS_PER_HOUSEHOLD)) }, dir));
      }
    }
    const outcomes: Outcome[] = [];
    for (const c of cases) {
      const started = performance.now();
      outcomes.push(await runCase(c, opts.serverUrl, dir));
      console.log(`  ${label(c)} done in ${round((performance.now() - started) / 1000, 1)} s`);
    }
    report(outcomes, opts.smoke);
  } finally {
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
