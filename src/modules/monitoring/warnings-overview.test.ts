/** Warnings (raised, bulk from the pre-assessment, dismissed, converted) and the as-of-date overview on a known set. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { households, monitoringCases, monitoringWarnings } from '../../db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { makeHousehold, memberInput } from '../../test/factories.js';
import { createWarning } from './warnings.js';
import { monitoringCity } from './test-setup.js';

let t: TestApp;
let m: Awaited<ReturnType<typeof monitoringCity>>;
beforeAll(async () => {
  t = await testApp();
  m = await monitoringCity(t);
});
afterAll(() => t.close());

type Page<T> = { items: T[]; total: number };
type Warning = { id: number; status: string; householdId: number; version: number; source: string; caseId: number | null };

describe('warnings', () => {
  it('a cadre types in a hotline call; it is listed in scope only, then turned into a case', async () => {
    const hh = await m.household();
    const res = await m.as.cadre.post('/api/monitoring/warnings', { householdId: hh, source: 'self_application', detail: '热线来电：户主住院，自付医疗费约3万元' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: number }>().id;
    expect((await m.as.county.get('/api/monitoring/warnings?status=open&pageSize=200')).json<Page<Warning>>().items.map((w) => w.id)).toContain(id);
    expect((await m.as.shenCounty.get('/api/monitoring/warnings?pageSize=200')).json<Page<Warning>>().total).toBe(0);
    const c = await m.as.cadre.post('/api/monitoring/cases', { warningId: id, category: 'sudden_hardship', riskTypes: ['illness'], identifiedOn: '2026-03-01', incomeAtIdentification: 2800 });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ source: 'self_application', warningId: id });
    const [w] = await t.db.select().from(monitoringWarnings).where(eq(monitoringWarnings.id, id));
    expect(w).toMatchObject({ status: 'converted', caseId: c.json().id });
  });

  it('is dismissed with a reason, once', async () => {
    const hh = await m.household();
    const { id } = await createWarning(t.db, m.users.cadre.actor, { householdId: hh, source: 'cadre_screening', detail: '走访发现务工中断' });
    expect((await m.as.cadre.post(`/api/monitoring/warnings/${id}/dismiss`, { version: 1 })).statusCode).toBe(400);
    const ok = await m.as.cadre.post(`/api/monitoring/warnings/${id}/dismiss`, { version: 1, reason: '已重新就业，收入稳定' });
    expect(ok.json<Warning & { dismissReason: string }>()).toMatchObject({ status: 'dismissed', dismissReason: '已重新就业，收入稳定' });
    expect((await m.as.cadre.post(`/api/monitoring/warnings/${id}/dismiss`, { version: 2, reason: 'x' })).statusCode).toBe(409);
  });

  it('department officers raise department warnings only, and see only their department’s', async () => {
    const hh = await m.household();
    expect((await m.as.department.post('/api/monitoring/warnings', { householdId: hh, source: 'cadre_screening', detail: 'x' })).statusCode).toBe(403);
    const ok = await m.as.department.post('/api/monitoring/warnings', { householdId: hh, source: 'department', detail: '年度医疗自付超过2万元' });
    expect(ok.statusCode, ok.body).toBe(201);
    const mine = (await m.as.department.get('/api/monitoring/warnings?pageSize=200')).json<Page<Warning>>();
    expect(mine.items.map((w) => w.id)).toEqual([ok.json().id]);
    expect((await m.as.department.get('/api/monitoring/cases')).statusCode).toBe(403);
  });

  it('creates warnings in bulk from the income pre-assessment, skipping households already followed', async () => {
    const poor = await m.household({}, [memberInput({ name: '低收入' })]);
    await m.as.county.post(`/api/households/${poor}/incomes`, { periodStart: '2025-11-01', periodEnd: '2026-10-31', wage: 1200 });
    const first = await m.as.county.post('/api/monitoring/warnings/from-preassessment', { areaId: m.city.guanV1.id, on: '2026-10-31' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().created).toBeGreaterThanOrEqual(1);
    const list = (await m.as.county.get('/api/monitoring/warnings?source=preassessment&pageSize=200')).json<Page<Warning>>();
    expect(list.items.map((w) => w.householdId)).toContain(poor);
    const second = (await m.as.county.post('/api/monitoring/warnings/from-preassessment', { areaId: m.city.guanV1.id, on: '2026-10-31' })).json();
    expect(second.created).toBe(0);
    expect(second.skipped).toBe(first.json().belowLine);
  });

  it('exports the list, audited', async () => {
    const res = await m.as.county.get('/api/monitoring/warnings/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('预警情况');
  });
});

describe('overview as of a date', () => {
  it('counts households and persons monitored on a date from the episodes’ dates', async () => {
    // A known set in 莘县 (nothing else there): A included 2020-06-10 (2 persons), B included 2020-06-25 (1 person),
    // C included 2020-05-01 and eliminated 2020-06-15 (3 persons), D rejected.
    const mk = async (people: number, dates: Partial<typeof monitoringCases.$inferInsert>, category = 'marginal', risks = ['illness']) => {
      const hh = await makeHousehold(t.db, m.users.shenCounty.actor, m.city.shenV1.id, { type: 'ordinary' }, [
        memberInput({ name: '户主' }),
        ...Array.from({ length: people - 1 }, () => memberInput({ name: '成员', relation: 'spouse' } as never)),
      ]);
      const [h] = await t.db.select().from(households).where(eq(households.id, hh));
      await t.db.insert(monitoringCases).values({
        householdId: hh,
        areaPath: h!.areaPath,
        category,
        riskTypes: risks,
        identifiedOn: '2020-05-01',
        incomeAtIdentification: '3000',
        source: 'cadre_screening',
        openedOn: '2020-05-01',
        status: 'monitored',
        ...dates,
      });
    };
    await mk(2, { includedOn: '2020-06-10' }, 'marginal', ['illness', 'schooling']);
    await mk(1, { includedOn: '2020-06-25' }, 'sudden_hardship', ['accident']);
    await mk(3, { includedOn: '2020-05-01', eliminatedOn: '2020-06-15', status: 'eliminated' }, 'unstable_lifted', ['illness']);
    await mk(1, { rejectedOn: '2020-05-20', status: 'rejected' });
    const on = async (d: string) => (await m.as.shenCounty.get(`/api/monitoring/overview?on=${d}&months=3`)).json();
    expect(await on('2020-06-01')).toMatchObject({ households: 1, persons: 3 });
    expect(await on('2020-06-12')).toMatchObject({ households: 2, persons: 5 });
    const june19 = await on('2020-06-19');
    expect(june19).toMatchObject({ households: 1, persons: 2, byState: { monitored: 1, eliminated: 1, rejected: 1 } });
    expect(june19.byRiskType).toEqual(expect.arrayContaining([{ risk: 'illness', households: 1, persons: 2 }, { risk: 'schooling', households: 1, persons: 2 }]));
    const june30 = await on('2020-06-30');
    expect(june30).toMatchObject({ households: 2, persons: 3 });
    expect(june30.byCategory).toEqual([{ category: 'marginal', households: 1, persons: 2 }, { category: 'sudden_hardship', households: 1, persons: 1 }]);
    expect(june30.trend).toEqual([{ on: '2020-04-30', households: 0, persons: 0 }, { on: '2020-05-31', households: 1, persons: 3 }, { on: '2020-06-30', households: 2, persons: 3 }]);
    // 冠县's office sees none of 莘县's.
    expect((await m.as.county.get(`/api/monitoring/overview?on=2020-06-19&areaId=${m.city.shen.id}`)).statusCode).toBe(404);
  });
});

describe('demo episodes', () => {
  it('gives every monitored household of the demo an approved episode before 19 June 2020, once', async () => {
    const { seedDemoMonitoring } = await import('../demo/monitoring-episodes.js');
    const ids = [
      await makeHousehold(t.db, m.users.shenCounty.actor, m.city.shenV2.id, { type: 'monitored', mainCause: 'disaster' }, [memberInput({ name: '演示一' })]),
      await makeHousehold(t.db, m.users.shenCounty.actor, m.city.shenV2.id, { type: 'monitored', mainCause: 'illness' }, [memberInput({ name: '演示二' }), memberInput({ name: '演示三', relation: 'spouse' } as never)]),
    ];
    const before = (await m.as.shenCounty.get(`/api/monitoring/overview?on=2020-06-19&areaId=${m.city.shenV2.id}`)).json();
    expect(before.households).toBe(0);
    expect(await seedDemoMonitoring(t.db)).toBeGreaterThanOrEqual(2);
    expect(await seedDemoMonitoring(t.db)).toBe(0);
    const after = (await m.as.shenCounty.get(`/api/monitoring/overview?on=2020-06-19&areaId=${m.city.shenV2.id}`)).json();
    expect(after).toMatchObject({ households: 2, persons: 3 });
    const rows = await t.db.select().from(monitoringCases).where(eq(monitoringCases.householdId, ids[0]!));
    expect(rows[0]).toMatchObject({ status: 'monitored', riskTypes: ['disaster'], disasterKind: 'flood' });
    const detail = (await m.as.shenCounty.get(`/api/monitoring/cases/${rows[0]!.id}`)).json();
    expect(detail.steps.map((s: { step: string }) => s.step)).toEqual(['visit', 'appraisal', 'notice', 'township_review', 'county_approval']);
    expect(detail.steps.at(-1).performedOn).toBe(rows[0]!.includedOn);
  });
});
