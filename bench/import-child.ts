/**
 * One import, in a process of its own so that its peak memory is its own (bench/import.ts starts it):
 *
 *   node --import tsx bench/import-child.ts '{"url":…,"file":…,"mode":"valid_only","maxFileBytes":…}'
 *
 * With `readOnly`, the file is only read through the ingest layer (readTable), no database: the parser's share.
 * Otherwise the dry run through importFileNow (as the CLI does), then the commit of that same job through the service
 * (commitJob and the runner, as the HTTP route does), each timed. Prints one JSON line (ChildReport) on stdout.
 *
 * Peak memory is the kernel's high-water mark of this process's resident set (VmHWM), read after each step.
 * `process.resourceUsage().maxRSS` is printed beside it but not used: Linux carries the parent's peak into it
 * across fork and exec, so it shows the benchmark's own memory whenever that was larger.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { actorForUser } from '../src/modules/accounts/sessions.js';
import { users } from '../src/modules/accounts/schema.js';
import { ROSTER_CATALOGUE } from '../src/modules/ingest/fields.js';
import { ingestLimits } from '../src/modules/ingest/limits.js';
import { readTable } from '../src/modules/ingest/read-table.js';
import { stageRow } from '../src/modules/imports/row.js';
import { loadJob } from '../src/modules/imports/jobs.js';
import type { ImportJobView } from '../src/modules/imports/presenter.js';
import { importFileNow } from '../src/modules/imports/run.js';
import { ImportRunner } from '../src/modules/imports/runner.js';
import { commitJob, getJobView } from '../src/modules/imports/service.js';
import type { CommitMode } from '../src/modules/imports/types.js';

export interface ChildArgs {
  /** Only read the file through the ingest layer (no database): the parser's own speed. */
  readOnly?: boolean;
  url: string;
  file: string;
  mode: CommitMode | null;
  /** The upload limit for this run (the 1,000,000-member CSV is larger than the default 200 MB). */
  maxFileBytes: number;
  username?: string;
}

export interface ChildReport {
  dryRunMs: number;
  commitMs: number | null;
  /** Peak resident memory (VmHWM) after the dry run, and at the end (dry run and commit). */
  dryRunPeakMb: number;
  peakMb: number;
  /** getrusage's figure, for comparison (see the note above). */
  maxRssMb: number;
  /** When each phase was first seen (ms from the start of the step), polled from the job row. */
  dryRunPhases: Record<string, number>;
  commitPhases: Record<string, number>;
  dryRun: Pick<ImportJobView, 'status' | 'summary' | 'failure'>;
  final: Pick<ImportJobView, 'status' | 'summary' | 'result' | 'failure'>;
}

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576);
}

export interface ReadOnlyReport {
  rows: number;
  ms: number;
  peakMb: number;
  /** A second pass: the file read into checked, typed rows as the import stages them (row.ts), no database. */
  stagedMs: number;
}

async function readOnly(args: ChildArgs): Promise<void> {
  const started = performance.now();
  const r = await readTable(args.file, path.basename(args.file), { catalogue: ROSTER_CATALOGUE, limits: ingestLimits({ maxFileBytes: args.maxFileBytes }) });
  if (!r.ok) throw new Error(r.rejection.message);
  let rows = 0;
  for await (const row of r.value.rows) if (row.raw.idNumber) rows++;
  const ms = Math.round(performance.now() - started);
  const again = performance.now();
  const s = await readTable(args.file, path.basename(args.file), { catalogue: ROSTER_CATALOGUE, limits: ingestLimits({ maxFileBytes: args.maxFileBytes }) });
  if (!s.ok) throw new Error(s.rejection.message);
  const table = s.value;
  const letters = new Map(table.header.columns.filter((c) => c.field !== null).map((c) => [c.field!, c.letter]));
  const id = { today: new Date() };
  for await (const row of table.rows) stageRow(row.raw, { date1904: table.date1904, letters, id });
  const report: ReadOnlyReport = { rows, ms, peakMb: vmHwmMb(), stagedMs: Math.round(performance.now() - again) };
  process.stdout.write(JSON.stringify(report) + '\n');
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
  if (args.readOnly) return readOnly(args);
  const database = await openDatabase({ url: args.url, poolSize: 4 });
  try {
    const db = database.db;
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, args.username ?? 'admin'));
    const actor = user && (await actorForUser(db, user.id, '127.0.0.1'));
    if (!actor) throw new Error(`no active user ${args.username ?? 'admin'} in the benchmark database`);
    const limits = ingestLimits({ maxFileBytes: args.maxFileBytes });
    const dataDir = path.dirname(args.file);

    const dryRunPhases: Record<string, number> = {};
    let started = performance.now();
    const dry = await importFileNow(db, actor, { path: args.file, name: path.basename(args.file) }, {
      limits,
      dataDir,
      onProgress: (p) => {
        dryRunPhases[p.phase] ??= Math.round(performance.now() - started);
      },
    });
    const dryRunMs = performance.now() - started;
    const dryRunPeakMb = vmHwmMb();

    let commitMs: number | null = null;
    const commitPhases: Record<string, number> = {};
    let final = dry;
    if (args.mode && dry.status === 'previewed') {
      const runner = new ImportRunner();
      started = performance.now();
      const poll = setInterval(() => {
        void loadJob(db, dry.id).then((j) => {
          const phase = (j?.progress as { phase?: string } | null)?.phase;
          if (phase) commitPhases[phase] ??= Math.round(performance.now() - started);
        });
      }, 200);
      try {
        await commitJob({ db, dataDir, limits, runner, maxBytes: args.maxFileBytes }, actor, dry.id, args.mode);
        await runner.idle();
      } finally {
        clearInterval(poll);
      }
      commitMs = performance.now() - started;
      final = await getJobView(db, actor, dry.id);
    }
    const report: ChildReport = {
      dryRunMs: Math.round(dryRunMs),
      commitMs: commitMs === null ? null : Math.round(commitMs),
      dryRunPeakMb,
      peakMb: vmHwmMb(),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      dryRunPhases,
      commitPhases,
      dryRun: { status: dry.status, summary: dry.summary, failure: dry.failure },
      final: { status: final.status, summary: final.summary, result: final.result, failure: final.failure },
    };
    process.stdout.write(JSON.stringify(report) + '\n');
  } finally {
    await database.close();
  }
}

await main();
