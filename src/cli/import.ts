import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { actorForUser } from '../modules/accounts/sessions.js';
import { users } from '../modules/accounts/schema.js';
import { errorFile } from '../modules/imports/error-file.js';
import { loadJob } from '../modules/imports/jobs.js';
import { importFileNow } from '../modules/imports/run.js';
import { importTemplates } from '../modules/imports/schema.js';
import type { CommitMode } from '../modules/imports/types.js';
import { openConfiguredDatabase } from '../server.js';
import { progressBar } from './progress.js';

export interface ImportCliOptions {
  user: string;
  sheet?: string[];
  template?: string;
  commit?: CommitMode | true;
}

const PHASES: Record<string, string> = { reading: '读取 reading', checking: '校验 checking', comparing: '比对 comparing', applying: '写入 applying' };

async function templateId(db: Db, name: string): Promise<number> {
  const [t] = await db.select({ id: importTemplates.id }).from(importTemplates).where(eq(importTemplates.name, name));
  if (!t) throw new Error(`没有名为“${name}”的导入模板 / no import template named ${name}`);
  return t.id;
}

/** `jingzhun import households FILE`: the dry run, the commit if asked, and the error file beside the input. */
export async function importHouseholdsCommand(file: string, opts: ImportCliOptions): Promise<void> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const db = database.db;
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, opts.user));
    const actor = user && (await actorForUser(db, user.id, 'cli'));
    if (!actor) throw new Error(`用户“${opts.user}”不存在或已停用 / no active user ${opts.user}`);
    const bar = progressBar('导入 Import');
    const mode: CommitMode | undefined = opts.commit === true ? 'all_or_nothing' : opts.commit;
    const job = await importFileNow(db, actor, { path: path.resolve(file) }, {
      ...(mode ? { commit: mode } : {}),
      options: { ...(opts.sheet?.length ? { sheets: opts.sheet } : {}), ...(opts.template ? { templateId: await templateId(db, opts.template) } : {}) },
      onProgress: (p) => bar.update(Math.min(p.bytesRead, p.totalBytes), p.totalBytes || 1, `${PHASES[p.phase] ?? p.phase} ${p.rowsRead} 行`),
    });
    bar.stop();
    if (job.failure && job.status === 'failed') throw Object.assign(new Error(job.failure.messageEn), { messageZh: job.failure.message });
    const s = job.summary!;
    console.log(`导入任务 Import job ${job.id}: ${job.status}`);
    console.table({
      户: { 新增: s.households.new, 变更: s.households.changed, 无变化: s.households.unchanged, 拒绝: s.households.rejected },
      人: { 新增: s.members.new, 变更: s.members.changed, 无变化: s.members.unchanged, 拒绝: s.members.rejected },
    });
    console.log(`数据行 rows ${s.rows}，错误 errors ${s.errors}，提示 warnings ${s.warnings}，文件外在册成员 absent members ${s.members.absent}`);
    if (s.errors > 0 || s.warnings > 0) {
      const out = file.replace(/(\.[^.\\/]*)?$/, '.错误数据.xlsx');
      const stream = await errorFile(db, (await loadJob(db, job.id))!);
      await new Promise<void>((resolve, reject) => stream.pipe(fs.createWriteStream(out)).on('finish', resolve).on('error', reject));
      console.log(`错误数据文件 Error file: ${out}`);
    }
    if (job.failure) console.log(`未提交 Not committed: ${job.failure.message}`);
    else if (job.result) console.log(`已导入 Committed: 新增${job.result.householdsCreated}户${job.result.membersCreated}人，变更${job.result.householdsUpdated}户${job.result.membersUpdated}人（批次 ${job.result.batch}）`);
    else console.log('这是预检，未写入数据；加 --commit 提交 / dry run only: add --commit to save');
    if (job.status !== 'committed' && s.errors > 0) process.exitCode = 2;
  } finally {
    await database.close();
  }
}
