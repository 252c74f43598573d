/**
 * An import from start to end in the calling process, without the HTTP layer and its background queue: the CLI
 * (`jingzhun import households FILE`) and the benchmark use it. Same job rows, same checks, same commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../accounts/access.js';
import type { IngestLimits } from '../ingest/limits.js';
import { createJob, loadJob, runCommit, runDryRun } from './jobs.js';
import { presentJob, type ImportJobView } from './presenter.js';
import { importJobs } from './schema.js';
import type { CommitMode, ImportOptions, ImportProgress } from './types.js';

export interface ImportNowOptions {
  commit?: CommitMode;
  options?: ImportOptions;
  /** Polled from the job row while the work runs. */
  onProgress?: (p: ImportProgress) => void;
  limits?: IngestLimits;
  /** Where the error file and uploads would go; the file itself is read in place. */
  dataDir?: string;
}

export async function importFileNow(db: Db, actor: Actor, file: { path: string; name?: string }, opts: ImportNowOptions = {}): Promise<ImportJobView> {
  const stat = await fs.promises.stat(file.path);
  const env = { db, dataDir: opts.dataDir ?? path.dirname(file.path), ...(opts.limits ? { limits: opts.limits } : {}) };
  const job = await createJob(env, actor, { path: file.path, name: file.name ?? path.basename(file.path), size: stat.size }, opts.options ?? {});
  const poll = opts.onProgress
    ? setInterval(() => {
        void loadJob(db, job.id).then((j) => j?.progress && opts.onProgress!(j.progress as ImportProgress));
      }, 500)
    : undefined;
  try {
    await runDryRun(env, job.id);
    let current = (await loadJob(db, job.id))!;
    if (opts.commit && current.status === 'previewed') {
      await db.update(importJobs).set({ status: 'committing', mode: opts.commit }).where(eq(importJobs.id, job.id));
      await runCommit(env, job.id, opts.commit, null);
      current = (await loadJob(db, job.id))!;
    }
    return presentJob(current, actor.canRevealIds);
  } finally {
    if (poll) clearInterval(poll);
  }
}
