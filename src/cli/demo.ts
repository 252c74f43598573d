import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { labelOf } from '../domain/codes.js';
import { users } from '../modules/accounts/schema.js';
import { areas } from '../modules/areas/schema.js';
import { DEMO_PASSWORD, generateDemoCity, hasDemoData, type DemoResult } from '../modules/demo/generate.js';
import { writeRosterFile, type RosterFormat } from '../modules/demo/roster-file.js';
import { progressBar } from './progress.js';

export async function demoCommand(db: Db, households: number, seed: number): Promise<DemoResult> {
  if (await hasDemoData(db)) {
    throw new Error('The database already holds data; the demo city is only created in an empty database / 数据库已有数据');
  }
  const bar = progressBar('生成演示数据 Demo city');
  const started = Date.now();
  try {
    const result = await generateDemoCity(db, { households, seed, onProgress: (d, t, s) => bar.update(d, t, s) });
    bar.stop();
    console.log(
      `演示城市已生成 Demo city created in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.areas} areas, ` +
        `${result.households} households, ${result.members} members, ${result.incomes} income records, ` +
        `${result.planted} planted data problems`,
    );
    return result;
  } finally {
    bar.stop();
  }
}

/** First start: an empty database gets the demo city, so `npm start` shows something real. */
export async function seedIfEmpty(db: Db, households: number): Promise<DemoResult | undefined> {
  if (await hasDemoData(db)) return undefined;
  console.log('首次启动：正在生成演示城市（聊城市）… First start: creating the demo city');
  return demoCommand(db, households, 2020);
}

export async function printLogins(db: Db, seeded: DemoResult | undefined): Promise<void> {
  const rows = await db
    .select({ username: users.username, role: users.role, area: areas.name })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .orderBy(asc(users.id))
    .limit(20);
  if (rows.length === 0) return;
  console.log('\n演示账号 Demo logins' + (seeded ? '' : ' (passwords as created, unless changed since)') + ':');
  console.table(rows.map((r) => ({ 用户名: r.username, 密码: DEMO_PASSWORD, 角色: labelOf('role', r.role), 区域: r.area })));
}

/** `jingzhun demo-roster OUT`: the demo city's households as a roster file, no database needed. */
export async function demoRosterCommand(out: string, opts: { households: number; seed: number; format: RosterFormat }): Promise<void> {
  const bar = progressBar('花名册 Roster');
  const started = Date.now();
  try {
    const r = await writeRosterFile(out, { ...opts, onProgress: (d, t) => bar.update(d, t, opts.format) });
    bar.stop();
    console.log(
      `已写入 Written ${out}: ${r.households} households, ${r.members} members, ${(r.bytes / 1048576).toFixed(1)} MB ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    bar.stop();
  }
}
