import { eq } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { actorForUser } from '../modules/accounts/sessions.js';
import { users } from '../modules/accounts/schema.js';
import { areas } from '../modules/areas/schema.js';
import { createRun, executeRun, type RuleResult } from '../modules/findings/runs.js';
import { openConfiguredDatabase } from '../server.js';
import { progressBar } from './progress.js';

export interface RulesRunOptions {
  user: string;
  area?: string;
  rule?: string;
  department?: string[];
  date?: string;
}

/** `jingzhun rules run`: a rule run in this process (not queued on a server), with a progress bar and the counts. */
export async function rulesRunCommand(opts: RulesRunOptions): Promise<void> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const db = database.db;
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, opts.user));
    const actor = user && (await actorForUser(db, user.id, 'cli'));
    if (!actor) throw new Error(`用户“${opts.user}”不存在或已停用 / no active user ${opts.user}`);
    let areaId: number | undefined;
    if (opts.area) {
      const [area] = await db.select({ id: areas.id }).from(areas).where(eq(areas.code, opts.area));
      if (!area) throw new Error(`没有代码为${opts.area}的区域 / no area with code ${opts.area}`);
      areaId = area.id;
    }
    const run = await createRun(db, actor, { ruleCode: opts.rule, departments: opts.department, areaId, referenceDate: opts.date });
    const bar = progressBar('规则运行 Rules');
    const started = Date.now();
    const done = await executeRun(db, run.id, (p) => bar.update(p.rulesDone, p.rulesTotal || 1, p.rule ?? '完成 done'));
    bar.stop();
    if (done.status === 'failed') {
      const e = done.error as { message: string; messageEn: string };
      throw Object.assign(new Error(e.messageEn), { messageZh: e.message });
    }
    const perRule = done.perRule as RuleResult[];
    console.log(`规则运行 Run ${done.id}: ${perRule.length} 条规则 rules, 参照日期 reference date ${done.referenceDate}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.table(
      Object.fromEntries(
        perRule.map((r) => [r.code, { 违规: r.violations, 新增: r.new, 仍存在: r.stillOpen, 重开: r.reopened, 豁免: r.exempted, 关闭: r.closed, 毫秒: r.ms, ...(r.error ? { 错误: r.error.slice(0, 60) } : {}) }]),
      ),
    );
    const c = done.counts as Record<string, number>;
    console.log(
      `合计 Total: 违规 violations ${c.violations}，新增 new ${c.new}，仍存在 still open ${c.stillOpen}，重开 reopened ${c.reopened}，` +
        `豁免 exempted ${c.exempted}，关闭 closed ${c.closed}${done.failedRules ? `；失败规则 failed rules ${done.failedRules}` : ''}`,
    );
  } finally {
    await database.close();
  }
}
