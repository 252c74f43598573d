/**
 * A commit killed half-way, for real: a separate `jingzhun import households --commit` process is sent SIGKILL
 * while it writes, and the registry must be exactly as before. Needs a PostgreSQL server (two processes share the
 * database), so it runs when TEST_DATABASE_URL is set, as in CI.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/id-number.js';
import { testDatabase } from '../../test/database.js';
import { makeCity, makeUser } from '../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { households, members } from '../registry/schema.js';
import { loadJob, recoverInterruptedJobs } from './jobs.js';
import { importJobs } from './schema.js';

const server = process.env.TEST_DATABASE_URL;
let database: Awaited<ReturnType<typeof testDatabase>>;
let dir: string;

beforeAll(async () => {
  if (!server) return;
  database = await testDatabase();
  const city = await makeCity(database.db);
  await makeUser(database.db, 'county_office', city.guan.id, { username: 'guan' });
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'jz-kill-'));
});
afterAll(async () => {
  if (!server) return;
  await database.dispose();
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe.skipIf(!server)('a commit killed half-way', () => {
  it('leaves the registry as before, and the job is marked interrupted at the next start', async () => {
    // 12,000 households of 3: long enough a commit to be caught while it writes.
    const lines = ['户编号,行政区划代码,户类型,姓名,身份证号,与户主关系'];
    for (let h = 0; h < 12_000; h++) {
      const no = `371525101001${String(h).padStart(5, '0')}`;
      ['户主', '配偶', '子'].forEach((relation, k) => {
        const id = makeIdNumber('371525', `19${50 + (h % 40)}-0${1 + k}-1${h % 9}`, (h * 3 + k) % 999);
        lines.push(`${no},371525101001,脱贫户,某${h}之${k},${id},${relation}`);
      });
    }
    const file = path.join(dir, 'big.csv');
    await fs.promises.writeFile(file, lines.join('\n'));
    const before = await database.db.select({ n: count() }).from(households);

    const child = spawn(process.execPath, ['bin/jingzhun.mjs', 'import', 'households', file, '--user', 'guan', '--commit', 'valid_only'], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: 'ignore',
    });
    let jobId: number | undefined;
    let killedWhile = '';
    for (let i = 0; i < 1200 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const [job] = await database.db.select().from(importJobs).orderBy(importJobs.id);
      if (job?.status === 'committing') {
        jobId = job.id;
        await new Promise((r) => setTimeout(r, 300));
        killedWhile = JSON.stringify((await loadJob(database.db, job.id))?.progress);
        child.kill('SIGKILL');
        break;
      }
    }
    await new Promise((r) => child.once('exit', r));
    expect(jobId, 'the child never reached the commit').toBeDefined();
    expect(killedWhile).toContain('applying');

    // The killed transaction is gone: nothing of the import, not even part of it.
    expect(await database.db.select({ n: count() }).from(households)).toEqual(before);
    expect(await database.db.select({ n: count() }).from(members)).toEqual([{ n: 0 }]);
    expect(await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.batch, `import-${jobId}`))).toEqual([{ n: 0 }]);

    expect(await recoverInterruptedJobs(database.db)).toBe(1);
    const job = await loadJob(database.db, jobId!);
    expect(job).toMatchObject({ status: 'failed', failure: { code: 'INTERRUPTED' } });
  }, 120_000);
});
