import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, query, type Database } from '../../db/client.js';
import { parseIdNumber } from '../../domain/id-number.js';
import { HOUSEHOLD_SIZE_AT_SQL, PER_CAPITA_SQL } from '../../domain/income.js';
import { verifyPassword } from '../accounts/passwords.js';
import { DEMO_PASSWORD, demoCompleted, generateDemoCity, hasDemoData, INCOME_LINE, INCOME_PERIODS, planProblems, type DemoResult } from './generate.js';
import { PLANTED_KINDS, plantedRows } from './planted.js';
import { REFERENCE_CHECKS } from './reference-checks.js';
import { mixSeed, Rng } from './random.js';

const HOUSEHOLDS = 300;

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({});
  await database.migrate();
  return database;
}

describe('demo city generator', () => {
  let a: Database;
  let result: DemoResult;
  const progress: [number, number, string][] = [];

  beforeAll(async () => {
    a = await freshDatabase();
    expect(await hasDemoData(a.db)).toBe(false);
    result = await generateDemoCity(a.db, { households: HOUSEHOLDS, seed: 2020, onProgress: (d, t, s) => progress.push([d, t, s]) });
  });
  afterAll(async () => {
    await a?.close();
  });

  it('reports what it wrote, and progress up to the total', async () => {
    expect(result.households).toBe(HOUSEHOLDS);
    const [counts] = await query<{ areas: number; households: number; members: number; incomes: number; planted: number }>(
      a.db,
      sql`SELECT (SELECT count(*) FROM areas)::int AS areas, (SELECT count(*) FROM households)::int AS households,
                 (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM incomes)::int AS incomes,
                 (SELECT count(*) FROM demo_planted_problems)::int AS planted`,
    );
    expect(counts).toEqual({ areas: result.areas, households: HOUSEHOLDS, members: result.members, incomes: 2 * HOUSEHOLDS, planted: result.planted });
    // About 2.8 people per household.
    expect(result.members / HOUSEHOLDS).toBeGreaterThan(2.4);
    expect(result.members / HOUSEHOLDS).toBeLessThan(3.2);
    expect(progress.at(-1)).toEqual([HOUSEHOLDS, HOUSEHOLDS, expect.any(String)]);
    expect(await hasDemoData(a.db)).toBe(true);
    expect(await demoCompleted(a.db)).toBe(true);
  });

  it('creates the city, its 8 real county-level units and 139 townships with consistent codes and paths', async () => {
    const areas = await query<{ id: number; code: string; name: string; level: string; parent_id: number | null; path: string }>(
      a.db,
      sql`SELECT id, code, name, level, parent_id, path FROM areas`,
    );
    const byId = new Map(areas.map((r) => [r.id, r]));
    const level = (l: string) => areas.filter((r) => r.level === l);
    expect(level('city').map((c) => [c.code, c.name])).toEqual([['371500', '聊城市']]);
    expect(level('county').map((c) => `${c.code} ${c.name}`).sort()).toEqual([
      '371502 东昌府区', '371503 茌平区', '371521 阳谷县', '371522 莘县', '371524 东阿县', '371525 冠县', '371526 高唐县', '371581 临清市',
    ]);
    expect(level('township')).toHaveLength(139);
    expect(level('village').length).toBeGreaterThanOrEqual(139 * 2);
    const digits: Record<string, number> = { city: 6, county: 6, township: 9, village: 12 };
    for (const r of areas) {
      expect(r.code).toMatch(new RegExp(`^\\d{${digits[r.level]}}$`));
      if (r.level === 'city') {
        expect(r.path).toBe(`/${r.id}/`);
        continue;
      }
      const parent = byId.get(r.parent_id!)!;
      expect(r.path).toBe(`${parent.path}${r.id}/`);
      expect(r.code.startsWith(r.level === 'county' ? '3715' : parent.code)).toBe(true);
      if (r.level === 'village') expect(r.name).toMatch(/村$/);
      if (r.level === 'township') expect(r.name).toMatch(/(镇|乡|街道)$/);
    }
    const [marks] = await query<{ city_key: number; provincial: number; provincial_outside: number; scarce: number }>(
      a.db,
      sql`SELECT count(*) FILTER (WHERE city_key_village)::int AS city_key,
                 count(*) FILTER (WHERE provincial_key_village)::int AS provincial,
                 count(*) FILTER (WHERE provincial_key_village AND NOT city_key_village)::int AS provincial_outside,
                 count(*) FILTER (WHERE water_scarce AND level = 'village')::int AS scarce
          FROM areas`,
    );
    expect(marks!.city_key).toBeGreaterThan(marks!.provincial);
    expect(marks!.provincial).toBeGreaterThan(0);
    expect(marks!.provincial_outside).toBe(0);
    expect(marks!.scarce).toBeGreaterThan(0);
    const history = await query<{ code: string; valid_to: string }>(
      a.db,
      sql`SELECT h.code, h.valid_to FROM area_code_history h JOIN areas a ON a.id = h.area_id WHERE a.code = '371503'`,
    );
    expect(history.find((h) => h.code === '371523')?.valid_to).toMatch(/^2019-/);
  });

  it('gives every household a unique number under its village and exactly one active head', async () => {
    const bad = await query<{ n: number }>(
      a.db,
      sql`SELECT count(*)::int AS n FROM households h JOIN areas v ON v.id = h.area_id
          WHERE v.level <> 'village' OR h.household_no !~ ('^' || v.code || '[0-9]{4}$') OR h.area_path <> v.path`,
    );
    expect(bad[0]!.n).toBe(0);
    const heads = await query<{ heads: number; n: number }>(
      a.db,
      sql`SELECT heads, count(*)::int AS n FROM (
            SELECT h.id, count(m.id) FILTER (WHERE m.relation = 'head' AND m.ended_on IS NULL)::int AS heads
            FROM households h LEFT JOIN members m ON m.household_id = h.id GROUP BY h.id) x GROUP BY heads`,
    );
    expect(heads).toEqual([{ heads: 1, n: HOUSEHOLDS }]);
  });

  it('makes every ID number valid and consistent with sex and birth date', async () => {
    const members = await query<{ id_number: string; sex: string; birth_date: string; path: string }>(
      a.db,
      sql`SELECT m.id_number, m.sex, m.birth_date, m.area_path AS path FROM members m`,
    );
    let chipingOld = 0;
    for (const m of members) {
      const parsed = parseIdNumber(m.id_number);
      expect(parsed.ok, m.id_number).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.id).toBe(m.id_number);
      expect(parsed.value.sex).toBe(m.sex);
      expect(parsed.value.birthDate).toBe(m.birth_date);
      if (m.id_number.startsWith('371523')) chipingOld++;
    }
    // 茌平区 people born before the 2019 change keep numbers under the former code 371523.
    expect(chipingOld).toBeGreaterThan(0);
    expect(members).toHaveLength(result.members);
  });

  it('keeps school status consistent with age: every child of compulsory age is in school or has an accepted reason', async () => {
    const rows = await query<{ age: number; school_status: string; n: number }>(
      a.db,
      sql`SELECT date_part('year', age(DATE '2020-09-01', birth_date))::int AS age, school_status, count(*)::int AS n
          FROM members m
          WHERE date_part('year', age(DATE '2020-09-01', birth_date)) BETWEEN 6 AND 15
            AND NOT EXISTS (SELECT 1 FROM demo_planted_problems p WHERE p.member_id = m.id)
          GROUP BY 1, 2`,
    );
    for (const r of rows) {
      if (r.school_status === 'not_in_school') continue; // with an accepted reason: the dropout check proves it
      if (r.age <= 11) expect(r.school_status).toBe('primary');
      else if (r.age <= 14) expect(r.school_status).toBe('junior');
      else expect(['junior', 'senior_1']).toContain(r.school_status);
    }
  });

  it('plants every kind of problem, and each kind\'s condition finds exactly the planted rows', async () => {
    const planted = await query<{ kind: string; household_id: number; member_id: number | null; description: string }>(
      a.db,
      sql`SELECT kind, household_id, member_id, description FROM demo_planted_problems`,
    );
    const key = (r: { household_id: number; member_id: number | null }) => `${r.household_id}/${r.member_id ?? '-'}`;
    for (const k of PLANTED_KINDS) {
      const rows = planted.filter((p) => p.kind === k.kind);
      expect(rows.length, k.kind).toBe(plantedRows(k, HOUSEHOLDS));
      for (const r of rows) expect(r.description).toMatch(/[\u4e00-\u9fff]/);
      const found = await query<{ household_id: number; member_id: number | null }>(a.db, sql.raw(REFERENCE_CHECKS[k.kind]));
      expect(found.map(key).sort(), k.kind).toEqual(rows.map(key).sort());
    }
    // Every planted row points at a real household (and member, where it names one).
    const [orphans] = await query<{ n: number }>(
      a.db,
      sql`SELECT count(*)::int AS n FROM demo_planted_problems p
          WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = p.household_id)
             OR (p.member_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = p.member_id AND m.household_id = p.household_id))`,
    );
    expect(orphans!.n).toBe(0);
  });

  it('has per-capita incomes mostly above 4,500 with a few real cases below in the pre-assessment period', async () => {
    const rows = await query<{ period_end: string; below: number; total: number }>(
      a.db,
      sql.raw(`SELECT i.period_end, count(*)::int AS total,
                      count(*) FILTER (WHERE ${PER_CAPITA_SQL('i', HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end'))} < ${INCOME_LINE})::int AS below
               FROM incomes i GROUP BY i.period_end ORDER BY i.period_end`),
    );
    const pre = rows.find((r) => r.period_end === INCOME_PERIODS.preAssessment.end)!;
    const full = rows.find((r) => r.period_end === INCOME_PERIODS.fullYear2019.end)!;
    expect(pre.total).toBe(HOUSEHOLDS);
    expect(pre.below).toBeGreaterThan(0);
    expect(pre.below / pre.total).toBeLessThan(0.1);
    // In the full year only monitored households and the planted cases are below the line.
    const [monitored] = await query<{ n: number }>(
      a.db,
      sql.raw(`SELECT count(*)::int AS n FROM incomes i JOIN households h ON h.id = i.household_id
               WHERE i.period_end = '${INCOME_PERIODS.fullYear2019.end}' AND h.type = 'monitored'
                 AND ${PER_CAPITA_SQL('i', HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end'))} < ${INCOME_LINE}`),
    );
    expect(full.below).toBe(monitored!.n + plantedRows(PLANTED_KINDS.find((k) => k.kind === 'income_below_line_not_monitored')!, HOUSEHOLDS));
  });

  it('creates the demo logins with the shared password', async () => {
    expect(result.logins.map((l) => l.username)).toEqual(
      expect.arrayContaining(['admin', 'city', 'guanxian', 'dongchangfu', 'township', 'village', 'education', 'leader', 'auditor']),
    );
    expect(result.logins.find((l) => l.username === 'guanxian')?.area).toBe('冠县');
    const users = await query<{ username: string; password_hash: string; can_reveal_ids: boolean; must_change_password: boolean; department: string | null }>(
      a.db,
      sql`SELECT username, password_hash, can_reveal_ids, must_change_password, department FROM users ORDER BY id`,
    );
    expect(users).toHaveLength(result.logins.length);
    expect(users.filter((u) => u.can_reveal_ids).map((u) => u.username).sort()).toEqual(['admin', 'city']);
    expect(users.every((u) => !u.must_change_password)).toBe(true);
    expect(users.find((u) => u.username === 'education')?.department).toBe('education');
    expect(await verifyPassword(users[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it('gives every helper of the roster a cadre and an assignment, key villages their residents, and areas their secretaries', async () => {
    const [d] = await query<{ helped: number; assigned: number; key_villages: number; short: number; secretaries: number; secretary_areas: number }>(
      a.db,
      sql`SELECT (SELECT count(*) FROM households WHERE helper_name IS NOT NULL AND btrim(helper_name) <> '' AND ended_on IS NULL)::int AS helped,
                 (SELECT count(DISTINCT household_id) FROM cadre_assignments WHERE role = 'helper' AND ends_on IS NULL)::int AS assigned,
                 (SELECT count(*) FROM areas WHERE provincial_key_village)::int AS key_villages,
                 (SELECT count(*) FROM (SELECT area_id FROM cadre_assignments WHERE role IN ('first_secretary', 'work_team') GROUP BY area_id HAVING count(*) < 3) x)::int AS short,
                 (SELECT count(*) FROM cadre_assignments WHERE role LIKE 'secretary_%')::int AS secretaries,
                 (SELECT count(*) FROM areas WHERE level IN ('city', 'county', 'township'))::int AS secretary_areas`,
    );
    expect(d!.assigned).toBe(d!.helped);
    expect(d!.short).toBe(Math.floor(d!.key_villages / 20));
    expect(d!.secretaries).toBe(d!.secretary_areas);
  });

  it('refuses to run on a database that already has areas', async () => {
    await expect(generateDemoCity(a.db, { households: 100 })).rejects.toThrow(/already/);
  });

  it('is deterministic: the same seed gives the same households, people and incomes', async () => {
    const b = await freshDatabase();
    try {
      await generateDemoCity(b.db, { households: HOUSEHOLDS, seed: 2020 });
      const digest = (db: Database) =>
        query<{ d: string }>(
          db.db,
          sql`SELECT md5(string_agg(h.household_no || ':' || m.name || ':' || m.id_number || ':' || coalesce(m.phone, '') || ':' || m.relation, ',' ORDER BY h.household_no, m.id)) AS d
              FROM households h JOIN members m ON m.household_id = h.id`,
        );
      const incomes = (db: Database) =>
        query<{ d: string }>(db.db, sql`SELECT md5(string_agg(wage || '/' || transfer || '/' || period_end, ',' ORDER BY household_id, period_end)) AS d FROM incomes`);
      const planted = (db: Database) => query(db.db, sql`SELECT kind, description FROM demo_planted_problems ORDER BY id`);
      expect(await digest(b)).toEqual(await digest(a));
      expect(await incomes(b)).toEqual(await incomes(a));
      expect(await planted(b)).toEqual(await planted(a));
    } finally {
      await b.close();
    }
  });
});

describe('planning and randomness', () => {
  it('the generator is a pure function of its seed', () => {
    const x = new Rng(mixSeed(1, 2));
    const y = new Rng(mixSeed(1, 2));
    const z = new Rng(mixSeed(1, 3));
    const xs = Array.from({ length: 5 }, () => x.nextUint32());
    expect(Array.from({ length: 5 }, () => y.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => z.nextUint32())).not.toEqual(xs);
  });

  it('places about 1 % of households with problems for the default city, the monitored ones apart', () => {
    const { plants, monitored } = planProblems(2020, 70_801);
    const households = new Set(plants.keys());
    expect(households.size).toBeGreaterThan(600);
    expect(households.size).toBeLessThan(800);
    expect(monitored.size).toBe(424);
    for (const m of monitored) expect(households.has(m)).toBe(false);
  });

  it('generates a small city of 100 households with all counties and townships', async () => {
    const c = await freshDatabase();
    try {
      const started = Date.now();
      const r = await generateDemoCity(c.db, { households: 100, seed: 1 });
      expect(Date.now() - started).toBeLessThan(3_000);
      const [n] = await query<{ counties: number; townships: number; households: number }>(
        c.db,
        sql`SELECT count(*) FILTER (WHERE level = 'county')::int AS counties, count(*) FILTER (WHERE level = 'township')::int AS townships,
                   (SELECT count(*) FROM households)::int AS households FROM areas`,
      );
      expect(n).toEqual({ counties: 8, townships: 139, households: 100 });
      expect(r.planted).toBeGreaterThan(0);
    } finally {
      await c.close();
    }
  });
});
