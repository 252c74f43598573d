import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { actorForUser } from '../modules/accounts/sessions.js';
import { users } from '../modules/accounts/schema.js';
import { commitSnapshot, presentSnapshot, uploadSnapshot, visibleSnapshot } from '../modules/departments/service.js';
import { ImportRunner } from '../modules/imports/runner.js';
import { openConfiguredDatabase } from '../server.js';

export interface DepartmentUploadOptions {
  user: string;
  type: string;
  asOf: string;
  commit?: 'all_or_nothing' | 'valid_only' | true;
}

/** `jingzhun departments upload`: the same upload as the web page, in this process; prints the counts, commits on request. */
export async function departmentUploadCommand(file: string, opts: DepartmentUploadOptions): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const db = database.db;
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, opts.user));
    const actor = user && (await actorForUser(db, user.id, 'cli'));
    if (!actor) throw new Error(`用户“${opts.user}”不存在或已停用 / no active user ${opts.user}`);
    const runner = new ImportRunner();
    const started = Date.now();
    const snap = await uploadSnapshot({ db, dataDir: config.dataDir, maxBytes: config.importMaxBytes, runner }, actor, { datasetType: opts.type, asOf: opts.asOf, fileName: path.basename(file) }, fs.createReadStream(file));
    await runner.idle();
    const done = presentSnapshot(await visibleSnapshot(db, actor, snap.id));
    if (done.status === 'failed') {
      const e = done.error as { message: string; messageEn: string };
      throw Object.assign(new Error(e.messageEn), { messageZh: e.message });
    }
    const c = done.counts as Record<string, number>;
    console.log(`部门数据 Upload ${done.id} (${done.datasetName}, 截至 as of ${done.asOf}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(
      `行 rows ${c.rows}，无法读取 rejected ${c.rejected}，问题单元格 issues ${c.issues}；身份证号匹配 by ID ${c.idExact}，自动匹配 auto ${c.auto}，待确认 review ${c.review}，未匹配 unmatched ${c.unmatched}`,
    );
    if (opts.commit) {
      const committed = await commitSnapshot(db, actor, done.id, opts.commit === true ? 'all_or_nothing' : opts.commit);
      console.log(`已入库 Committed: ${committed.status}`);
    } else console.log('预检完成，未入库（加 --commit 入库） / previewed, not committed (add --commit)');
  } finally {
    await database.close();
  }
}
