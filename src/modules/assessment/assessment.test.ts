/**
 * The assessment through the API on small hand-made households: each indicator, the school-age boundary, missing
 * data, a county's own standard, recomputation after edits, imports and standard changes, lists, counts, exports
 * and scope.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorCode, IndicatorStatus } from '../../domain/assessment.js';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput, newIdNumber } from '../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import type { HouseholdFields, MemberFields } from '../registry/inputs.js';
import { members } from '../registry/schema.js';
import { seedDemoStandards } from '../standards/service.js';
import { householdAssessments } from './schema.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
let cityUser: Awaited<ReturnType<typeof signIn>>;
let guan: Awaited<ReturnType<typeof signIn>>;
let shen: Awaited<ReturnType<typeof signIn>>;
let guanActor: Awaited<ReturnType<typeof makeUser>>['actor'];
let shenActor: Awaited<ReturnType<typeof makeUser>>['actor'];

const ON = '2020-09-01';
const ids: Record<string, number> = {};

type Fact = { status: string; memberName: string | null; field: string; value: unknown; threshold: number | null; text: string; textEn: string };
type View = {
  referenceDate: string;
  stored: boolean;
  assessed: boolean;
  storedDates: string[];
  anyUnmet: boolean;
  indicators: { code: IndicatorCode; status: IndicatorStatus; facts: Fact[] }[];
};

/** A household meeting every indicator, unless told otherwise. */
const GOOD: Partial<HouseholdFields> = {
  foodSecure: true,
  clothingSecure: true,
  housingGrade: 'A',
  waterQuantityLpd: 60,
  waterPipedToYard: true,
  waterGuaranteeRate: 98,
  waterQualityOk: true,
};
const head = (extra: Partial<MemberFields> = {}) => memberInput({ idNumber: newIdNumber('1975-04-01'), familyDoctor: false, ...extra });

async function household(key: string, areaId: number, fields: Partial<HouseholdFields>, people: MemberFields[], wage2019: number | null = 20_000) {
  const actor = areaId === city.shenV1.id ? shenActor : guanActor;
  ids[key] = await makeHousehold(t.db, actor, areaId, { ...GOOD, ...fields }, people);
  if (wage2019 !== null) {
    const who = areaId === city.shenV1.id ? shen : guan;
    const res = await who.post(`/api/households/${ids[key]}/incomes`, { periodStart: '2019-01-01', periodEnd: '2019-12-31', wage: wage2019 });
    expect(res.statusCode, res.body).toBe(201);
  }
  return ids[key]!;
}

async function view(who: typeof guan, key: string, on = ON): Promise<View> {
  const res = await who.get(`/api/households/${ids[key]}/assessment?on=${on}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<View>();
}
const status = (v: View, code: IndicatorCode) => v.indicators.find((i) => i.code === code)!.status;
const facts = (v: View, code: IndicatorCode) => v.indicators.find((i) => i.code === code)!.facts;

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  await seedDemoStandards(t.db, city.city);
  await makeUser(t.db, 'city_office', city.city.id, { username: 'cityoffice' });
  guanActor = (await makeUser(t.db, 'county_office', city.guan.id, { username: 'guanoffice' })).actor;
  shenActor = (await makeUser(t.db, 'county_office', city.shen.id, { username: 'shenoffice' })).actor;
  cityUser = await signIn(t.app, 'cityoffice');
  guan = await signIn(t.app, 'guanoffice');
  shen = await signIn(t.app, 'shenoffice');

  // Two people, 20,000 yuan in 2019: 10,000 per head.
  await household('good', city.guanV1.id, {}, [head(), memberInput({ relation: 'son', idNumber: newIdNumber('2014-09-02'), schoolStatus: 'not_in_school' })]);
  // Turns 6 on 31 August 2014+6: of school age on 1 September, and not in school without a reason.
  await household('early', city.guanV1.id, {}, [head(), memberInput({ name: '早生娃', relation: 'son', idNumber: newIdNumber('2014-08-31'), schoolStatus: 'not_in_school' })]);
  await household('excused', city.guanV1.id, {}, [
    head(),
    memberInput({ relation: 'daughter', idNumber: newIdNumber('2010-05-05', 'female'), schoolStatus: 'not_in_school', notInSchoolReason: 'home_teaching', health: 'disabled', familyDoctor: true }),
  ]);
  await household(
    'missing',
    city.guanV2.id,
    { foodSecure: null, clothingSecure: null, housingGrade: null, waterQuantityLpd: null, waterPipedToYard: null, waterGuaranteeRate: null, waterQualityOk: null },
    [head({ medicalInsurance: null, criticalIllnessInsured: null, health: null, familyDoctor: null }), memberInput({ relation: 'son', idNumber: newIdNumber('2011-02-02'), schoolStatus: null })],
    null,
  );
  await household('sick', city.guanV1.id, {}, [head({ name: '病人甲', health: 'chronic', familyDoctor: false })]);
  await household('unsafe', city.guanV1.id, { housingGrade: 'C' }, [head()]);
  await household('exempt', city.guanV1.id, { housingGrade: 'D', housingExemption: 'relocation_received' }, [head()]);
  await household('poor', city.guanV1.id, {}, [head(), memberInput({ relation: 'spouse', idNumber: newIdNumber('1976-01-01', 'female') })], 8_000);
  await household('water38', city.guanV2.id, { waterQuantityLpd: 38 }, [head()]);
  await household('shenWater38', city.shenV1.id, { waterQuantityLpd: 38, waterPipedToYard: false, waterFetchMinutes: 25 }, [head()]);
});
afterAll(() => t?.close());

describe('refreshing', () => {
  it('is for the city role only, computes every household of the area and is audited', async () => {
    expect((await guan.post('/api/assessments/refresh', { referenceDate: ON })).statusCode).toBe(403);
    const res = await cityUser.post('/api/assessments/refresh', { referenceDate: ON });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ referenceDate: ON, households: Object.keys(ids).length, area: { id: city.city.id } });
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'assessment'), eq(auditLog.action, 'update')));
    expect(entry).toMatchObject({ username: 'cityoffice', entityId: ON, detail: { households: Object.keys(ids).length } });
  });
});

describe('the indicators of hand-made households', () => {
  it('are all met for a household with good, complete data; a child turning 6 on 2 September is not yet of school age', async () => {
    const v = await view(guan, 'good');
    expect(v).toMatchObject({ referenceDate: ON, stored: true, assessed: true, anyUnmet: false, storedDates: [ON] });
    expect(v.indicators.map((i) => i.status)).toEqual(['met', 'met', 'met', 'met', 'met', 'met']);
  });

  it('education: a child turning 6 on 31 August is of school age on 1 September, and not in school is not met', async () => {
    const v = await view(guan, 'early');
    expect(status(v, 'education')).toBe('not_met');
    expect(facts(v, 'education')).toEqual([expect.objectContaining({ memberName: '早生娃', field: 'notInSchoolReason', value: null, text: '早生娃（6岁）：义务教育阶段非在校生，未填写未在校原因' })]);
    expect(v.anyUnmet).toBe(true);
    // On 31 August the school year before counts: the child was 5 on 1 September 2019.
    expect(status(await view(guan, 'early', '2020-08-31'), 'education')).toBe('met');
  });

  it('education: home teaching excuses a disabled child', async () => {
    expect(status(await view(guan, 'excused'), 'education')).toBe('met');
  });

  it('missing data is unknown, never met', async () => {
    const v = await view(guan, 'missing');
    expect(Object.fromEntries(v.indicators.map((i) => [i.code, i.status]))).toEqual({
      food_clothing: 'unknown',
      education: 'unknown',
      medical: 'unknown',
      housing: 'unknown',
      water: 'unknown',
      income: 'unknown',
    });
    expect(v.anyUnmet).toBe(false);
    expect(facts(v, 'medical').map((f) => f.field)).toEqual(['medicalInsurance', 'criticalIllnessInsured', 'health']);
    expect(facts(v, 'income')[0]!.text).toBe('无参照日前结束的全年收入记录');
  });

  it('medical: a chronically ill member without a family doctor is not met, and an edit of the member recomputes it', async () => {
    const v = await view(guan, 'sick');
    expect(status(v, 'medical')).toBe('not_met');
    expect(facts(v, 'medical')[0]!.text).toBe('病人甲：长期慢性病，未签约家庭医生');
    const [m] = await t.db.select().from(members).where(eq(members.householdId, ids.sick!));
    const res = await guan.patch(`/api/members/${m!.id}`, { version: m!.version, familyDoctor: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(status(await view(guan, 'sick'), 'medical')).toBe('met');
    const res2 = await guan.patch(`/api/members/${m!.id}`, { version: m!.version + 1, medicalInsurance: 'none' });
    expect(res2.statusCode, res2.body).toBe(200);
    expect(facts(await view(guan, 'sick'), 'medical')).toEqual([expect.objectContaining({ field: 'medicalInsurance', value: 'none', status: 'not_met' })]);
  });

  it('housing: C without an exemption is not met, D with relocation housing received is met', async () => {
    expect(facts(await view(guan, 'unsafe'), 'housing')[0]!.text).toBe('住房鉴定为C级（局部危险），且无安全住房保障情形');
    expect(status(await view(guan, 'exempt'), 'housing')).toBe('met');
  });

  it('income: 4,000 yuan per head in 2019 is below the 4,500 standard', async () => {
    const f = facts(await view(guan, 'poor'), 'income')[0]!;
    expect(f).toMatchObject({ status: 'not_met', field: 'perCapitaNetIncome', value: 4000, threshold: 4500 });
    expect(f.text).toBe('2019-01-01至2019-12-31人均纯收入4,000元，低于标准4,500元');
  });

  it('water: a long round trip without piped water is not met', async () => {
    const v = await view(shen, 'shenWater38');
    expect(status(v, 'water')).toBe('not_met');
    expect(facts(v, 'water')[0]!.text).toBe('未通水到院，取水往返25分钟，超过20分钟');
  });

  it('a date nobody refreshed is computed on the spot and not stored', async () => {
    const v = await view(guan, 'poor', '2021-06-30');
    expect(v).toMatchObject({ stored: false, assessed: true, storedDates: [ON] });
    expect(status(v, 'income')).toBe('not_met');
  });
});

describe('recomputation', () => {
  it('a county’s own water standard applies to its households only, recomputed when it is set', async () => {
    expect(status(await view(guan, 'water38'), 'water')).toBe('met');
    const res = await cityUser.post('/api/standards', { key: 'water_quantity_lpd', areaId: city.guan.id, value: 40, effectiveFrom: '2020-01-01', note: '冠县提高水量标准' });
    expect(res.statusCode, res.body).toBe(201);
    const v = await view(guan, 'water38');
    expect(facts(v, 'water')).toEqual([expect.objectContaining({ field: 'waterQuantityLpd', value: 38, threshold: 40, status: 'not_met' })]);
    // 莘县 keeps the city's 35 L: its 38 L household is not short of water (only of convenience).
    expect(facts(await view(shen, 'shenWater38'), 'water').map((f) => f.field)).toEqual(['waterFetchMinutes']);
  });

  it('a standard starting after the stored dates changes nothing stored', async () => {
    const before = await t.db.select().from(householdAssessments).where(eq(householdAssessments.householdId, ids.poor!));
    const res = await cityUser.post('/api/standards', { key: 'income_exit_standard', areaId: city.city.id, value: 3000, effectiveFrom: '2021-01-01', note: '仅2021年起' });
    expect(res.statusCode, res.body).toBe(201);
    const after = await t.db.select().from(householdAssessments).where(eq(householdAssessments.householdId, ids.poor!));
    expect(after[0]!.computedAt).toEqual(before[0]!.computedAt);
    expect(status(await view(guan, 'poor', '2021-06-30'), 'income')).toBe('met');
  });

  it('a recomputation rewrites only the households whose result changed', async () => {
    const stamps = async () =>
      new Map((await t.db.select().from(householdAssessments).where(eq(householdAssessments.referenceDate, ON))).map((r) => [r.householdId, r.computedAt.getTime()]));
    const before = await stamps();
    expect((await cityUser.post('/api/assessments/refresh', { referenceDate: ON })).statusCode).toBe(200);
    expect(await stamps()).toEqual(before);
    // The water standard of 莘县 rises to 39 L: only its 38 L household changes.
    const res = await cityUser.post('/api/standards', { key: 'water_quantity_lpd', areaId: city.shen.id, value: 39, effectiveFrom: '2020-01-01', note: '莘县提高水量标准' });
    expect(res.statusCode, res.body).toBe(201);
    const after = await stamps();
    const changed = [...after].filter(([id, at]) => before.get(id) !== at).map(([id]) => id);
    expect(changed).toEqual([ids.shenWater38]);
    expect(status(await view(shen, 'shenWater38'), 'water')).toBe('not_met');
  });

  it('a household created after the assessment is assessed on the stored dates at once; a closed one drops out', async () => {
    const id = await household('late', city.guanV1.id, { housingGrade: 'D' }, [head()]);
    const v = await view(guan, 'late');
    expect(v).toMatchObject({ stored: true });
    expect(status(v, 'housing')).toBe('not_met');
    const h = (await guan.get(`/api/households/${id}`)).json<{ version: number }>();
    expect((await guan.post(`/api/households/${id}/end`, { version: h.version, endedOn: '2020-10-01', reason: '测试销户' })).statusCode).toBe(200);
    expect(await view(guan, 'late')).toMatchObject({ stored: false, assessed: false, indicators: [] });
  });

  it('an import commit re-assesses the households it created and changed', async () => {
    const idNumber = newIdNumber('1966-06-06');
    const csv = (grade: string) => ['户编号,行政区划代码,户类型,姓名,身份证号,与户主关系,住房安全等级', `3715251010019999,371525101001,脱贫户,导入户主,${idNumber},户主,${grade}`].join('\n');
    const run = async (grade: string) => {
      const up = await guan.send({ method: 'POST', url: '/api/imports?fileName=a.csv', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(csv(grade)) });
      expect(up.statusCode, up.body).toBe(202);
      await t.importRunner.idle();
      const jobId = up.json<{ id: number }>().id;
      expect((await guan.post(`/api/imports/${jobId}/commit`, { mode: 'valid_only' })).statusCode).toBe(202);
      await t.importRunner.idle();
      expect((await guan.get(`/api/imports/${jobId}`)).json<{ status: string }>().status).toBe('committed');
    };
    await run('D级');
    const [m] = await t.db.select().from(members).where(eq(members.idNumber, idNumber));
    ids.imported = m!.householdId;
    expect(status(await view(guan, 'imported'), 'housing')).toBe('not_met');
    await run('B级');
    expect(status(await view(guan, 'imported'), 'housing')).toBe('met');
  });
});

describe('lists, counts and exports', () => {
  it('lists the households with an unmet indicator in an area, filtered by indicator and status', async () => {
    const res = await guan.get(`/api/assessments?areaId=${city.guan.id}&anyUnmet=true&pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ total: number; referenceDate: string; items: { householdId: number; statuses: Record<string, string>; facts: Fact[] }[] }>();
    expect(body.referenceDate).toBe(ON);
    expect(body.items.map((i) => i.householdId).sort()).toEqual([ids.early, ids.sick, ids.unsafe, ids.poor, ids.water38].sort());
    expect(body.total).toBe(5);
    const edu = (await guan.get('/api/assessments?indicator=education&status=not_met')).json<{ items: { householdId: number; facts: Fact[] }[] }>();
    expect(edu.items.map((i) => i.householdId)).toEqual([ids.early]);
    expect(edu.items[0]!.facts[0]!.text).toContain('早生娃');
    // The imported household has only what the file had: no survey answers, water, insurance or income yet.
    const unknown = (await guan.get('/api/assessments?status=unknown')).json<{ items: { householdId: number }[] }>();
    expect(unknown.items.map((i) => i.householdId).sort()).toEqual([ids.missing, ids.imported].sort());
  });

  it('filters the household list to "any unmet indicator in 冠县" and to one indicator', async () => {
    const any = (await guan.get(`/api/households?areaId=${city.guan.id}&unmet=any&pageSize=50`)).json<{ total: number; items: { id: number }[] }>();
    expect(any.items.map((i) => i.id).sort()).toEqual([ids.early, ids.sick, ids.unsafe, ids.poor, ids.water38].sort());
    const housing = (await guan.get(`/api/households?unmet=housing&assessedOn=${ON}`)).json<{ items: { id: number }[] }>();
    expect(housing.items.map((i) => i.id)).toEqual([ids.unsafe]);
    expect((await cityUser.get('/api/households?unmet=water')).json<{ total: number }>().total).toBe(2);
  });

  it('counts per child area and in total', async () => {
    const res = await cityUser.get(`/api/assessments/summary?areaId=${city.city.id}`);
    expect(res.statusCode, res.body).toBe(200);
    type Counts = { households: number; anyUnmet: number; indicators: Record<string, { notMet: number; unknown: number }> };
    const body = res.json<{ referenceDate: string; total: Counts; items: (Counts & { name: string })[] }>();
    expect(body.referenceDate).toBe(ON);
    const guanRow = body.items.find((i) => i.name === '冠县')!;
    const shenRow = body.items.find((i) => i.name === '莘县')!;
    // The imported household's members joined today, after the reference date: nobody to assess for education.
    expect(guanRow).toMatchObject({ households: 10, anyUnmet: 5, indicators: { education: { notMet: 1, unknown: 2 }, water: { notMet: 1, unknown: 2 } } });
    expect(shenRow).toMatchObject({ households: 1, anyUnmet: 1, indicators: { water: { notMet: 1, unknown: 0 } } });
    expect(body.total.households).toBe(guanRow.households + shenRow.households);
    expect(body.total.anyUnmet).toBe(6);
    // Drilling down: 冠县's township, then its villages.
    const town = (await guan.get(`/api/assessments/summary?areaId=${city.guan.id}`)).json<{ items: { areaId: number; households: number }[] }>();
    expect(town.items).toEqual([expect.objectContaining({ areaId: city.guanTown.id, households: 10 })]);
    const villages = (await guan.get(`/api/assessments/summary?areaId=${city.guanTown.id}`)).json<{ items: { areaId: number; anyUnmet: number }[] }>();
    expect(villages.items.map((v) => [v.areaId, v.anyUnmet])).toEqual([
      [city.guanV1.id, 4],
      [city.guanV2.id, 1],
    ]);
  });

  it('exports the filtered list with the facts in words, and audits the export', async () => {
    const res = await guan.get('/api/assessments/export?format=csv&anyUnmet=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('义务教育');
    expect(res.body).toContain('早生娃（6岁）：义务教育阶段非在校生');
    expect(res.body).toContain('共5户');
    const xlsx = await guan.get(`/api/assessments/export?format=xlsx&areaId=${city.guan.id}&indicator=education&status=not_met`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'household_assessment'), eq(auditLog.action, 'export')));
    expect(entries.map((e) => (e.detail as { rows: number }).rows).sort((a, b) => a - b)).toEqual([1, 5]);
  });
});

describe('scope', () => {
  it('a county user cannot read another county’s households’ assessments, lists or counts', async () => {
    expect((await shen.get(`/api/households/${ids.early}/assessment`)).statusCode).toBe(404);
    expect((await shen.get(`/api/assessments?areaId=${city.guan.id}`)).statusCode).toBe(404);
    expect((await shen.get(`/api/assessments/summary?areaId=${city.guan.id}`)).statusCode).toBe(404);
    const own = (await shen.get('/api/assessments?pageSize=200')).json<{ items: { householdId: number }[] }>();
    expect(own.items.map((i) => i.householdId)).toEqual([ids.shenWater38]);
    const summary = (await shen.get('/api/assessments/summary')).json<{ total: { households: number } }>();
    expect(summary.total.households).toBe(1);
    const exported = await shen.get('/api/assessments/export?format=csv');
    expect(exported.body).not.toContain('早生娃');
  });
});
