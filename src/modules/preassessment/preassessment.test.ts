import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput, newIdNumber } from '../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { seedDemoStandards } from '../standards/service.js';

/**
 * Hand-made households of 冠县 (and one of 莘县), 2019-10-01…2020-06-30 recorded, projected on 2020-06-30:
 *   H1 2 people, 9-month net 5,400 → 7,200 a year → 3,600 a head: gap 900 a head, 1,800 for the household
 *   H2 1 person aged 80 who cannot work, 1,800 → 2,400: gap 2,100
 *   H3 1 person, 9,000 → 12,000: above the line
 *   H5 1 person aged 35, 300 → 400: gap 4,100
 *   S1 (莘县) 1 person, 900 → 1,200: gap 3,300
 */
let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
type Client = Awaited<ReturnType<typeof signIn>>;
let guan: Client;
let shen: Client;
let cadre: Client;
const H: Record<string, number> = {};
const ON = '2020-06-30';

interface Row {
  householdId: number;
  householdNo: string;
  size: number;
  months: number;
  annualisedNet: number;
  perCapita: number;
  standard: number;
  gapPerPerson: number;
  gap: number;
  mainCause: string;
  headName: string;
}
interface Plan {
  id: number;
  status: string;
  before: { households: number; persons: number; totalGap: number; averagePerCapita: number };
  after: { households: number; totalGap: number; averagePerCapita: number; closed: number; cost: number };
  solution: { optimal: boolean; method: string };
  measuresCreated: number;
  unclosableReasons: { reason: string; households: number }[];
  households: {
    total: number;
    items: { householdId: number; closed: boolean; reason: string | null; reasonText: string | null; perCapitaAfter: number; items: { kind: string; units: number; value: number; memberName: string | null }[] }[];
  };
}

async function household(areaId: number, key: string, people: { name: string; birth: string; labour: string }[], net9: number, cause = 'illness') {
  const office = await makeUser(t.db, 'county_office', areaId === city.shenV1.id ? city.shen.id : city.guan.id);
  const id = await makeHousehold(
    t.db,
    office.actor,
    areaId,
    { householdNo: `PRE-${key}`, mainCause: cause as 'illness' },
    people.map((p, i) => memberInput({ name: p.name, idNumber: newIdNumber(p.birth), relation: i === 0 ? 'head' : 'spouse', labourAbility: p.labour as 'ordinary' })),
  );
  const client = await signIn(t.app, office.username);
  const res = await client.post(`/api/households/${id}/incomes`, { periodStart: '2019-10-01', periodEnd: ON, wage: net9 });
  expect(res.statusCode, res.body).toBe(201);
  H[key] = id;
}

const resources = (shares: number, posts = 1) => ({
  on: ON,
  posts: [{ name: '保洁', wage: 6_000, posts }],
  dividends: [{ name: '光伏', valuePerShare: 1_000, shares, perHousehold: 3 }],
});

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  await seedDemoStandards(t.db, city.city);
  await makeUser(t.db, 'county_office', city.guan.id, { username: 'guan' });
  await makeUser(t.db, 'county_office', city.shen.id, { username: 'shen' });
  await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'cadre' });
  guan = await signIn(t.app, 'guan');
  shen = await signIn(t.app, 'shen');
  cadre = await signIn(t.app, 'cadre');
  await household(city.guanV1.id, 'H1', [{ name: '甲一', birth: '1975-01-01', labour: 'ordinary' }, { name: '甲二', birth: '1977-03-01', labour: 'ordinary' }], 5_400);
  await household(city.guanV2.id, 'H2', [{ name: '乙一', birth: '1940-02-01', labour: 'lost' }], 1_800, 'no_labour');
  await household(city.guanV1.id, 'H3', [{ name: '丙一', birth: '1980-02-01', labour: 'ordinary' }], 9_000);
  await household(city.guanV1.id, 'H5', [{ name: '戊一', birth: '1985-02-01', labour: 'ordinary' }], 300, 'no_skill');
  await household(city.shenV1.id, 'S1', [{ name: '莘一', birth: '1980-02-01', labour: 'ordinary' }], 900);
});
afterAll(async () => t?.close());

describe('pre-assessment list', () => {
  it('lists the households projected below the standard with their gaps, in scope', async () => {
    const res = await guan.get(`/api/preassessment?on=${ON}&sort=householdNo`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ items: Row[]; total: number; totalGap: number }>();
    expect(body.items.map((r) => r.householdNo)).toEqual(['PRE-H1', 'PRE-H2', 'PRE-H5']);
    expect(body.items[0]).toMatchObject({ size: 2, months: 9, annualisedNet: 7_200, perCapita: 3_600, standard: 4_500, gapPerPerson: 900, gap: 1_800, headName: '甲一' });
    expect(body.items.map((r) => r.gap)).toEqual([1_800, 2_100, 4_100]);
    expect(body).toMatchObject({ total: 3, totalGap: 8_000 });
    const shenList = (await shen.get(`/api/preassessment?on=${ON}`)).json<{ items: Row[] }>();
    expect(shenList.items.map((r) => r.householdNo)).toEqual(['PRE-S1']);
  });

  it('filters by area, cause and gap per person, and pages', async () => {
    const nos = async (q: string) => (await guan.get(`/api/preassessment?on=${ON}&sort=householdNo&${q}`)).json<{ items: Row[] }>().items.map((r) => r.householdNo);
    expect(await nos(`areaId=${city.guanV2.id}`)).toEqual(['PRE-H2']);
    expect(await nos('mainCause=illness')).toEqual(['PRE-H1']);
    expect(await nos('gapMin=2000')).toEqual(['PRE-H2', 'PRE-H5']);
    expect(await nos('gapMax=1000')).toEqual(['PRE-H1']);
    const page2 = (await guan.get(`/api/preassessment?on=${ON}&sort=-gap&pageSize=2&page=2`)).json<{ items: Row[]; total: number }>();
    expect(page2).toMatchObject({ total: 3 });
    expect(page2.items.map((r) => r.householdNo)).toEqual(['PRE-H1']);
    expect((await shen.get(`/api/preassessment?areaId=${city.guanV1.id}`)).statusCode).toBe(404);
  });

  it('sums by child area and by main cause', async () => {
    const res = await guan.get(`/api/preassessment/summary?on=${ON}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ total: { projected: number; households: number; persons: number; gap: number }; byArea: { name: string; households: number }[]; byCause: { cause: string; households: number; gap: number }[] }>();
    expect(body.total).toEqual({ projected: 4, households: 3, persons: 4, gap: 8_000 });
    expect(body.byArea).toEqual([expect.objectContaining({ name: '东古城镇', households: 3, projected: 4 })]);
    expect(body.byCause).toEqual([
      { cause: 'illness', households: 1, persons: 2, gap: 1_800 },
      { cause: 'no_labour', households: 1, persons: 1, gap: 2_100 },
      { cause: 'no_skill', households: 1, persons: 1, gap: 4_100 },
    ]);
    const village = (await guan.get(`/api/preassessment/summary?on=${ON}&areaId=${city.guanV1.id}`)).json<typeof body>();
    expect(village.byArea).toEqual([expect.objectContaining({ name: '前村', households: 2 })]);
  });

  it('exports the list with its filters, audited', async () => {
    const res = await guan.get(`/api/preassessment/export?on=${ON}&format=csv&gapMin=2000`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('PRE-H5');
    expect(res.body).not.toContain('PRE-H1');
    expect(res.body).toContain('户缺口（元）');
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'preassessment'), eq(auditLog.action, 'export')));
    expect(trail).toHaveLength(1);
  });
});

describe('gap-closing plan', () => {
  let planA: Plan;
  let planB: Plan;

  it('closes every household at the least cost when the resources suffice, with figures before and after', async () => {
    const res = await guan.post('/api/preassessment/plans', resources(5));
    expect(res.statusCode, res.body).toBe(201);
    planA = res.json<Plan>();
    expect(planA).toMatchObject({ status: 'draft', solution: { optimal: true } });
    expect(planA.before).toMatchObject({ households: 3, persons: 4, totalGap: 8_000, averagePerCapita: 2_500 });
    expect(planA.after).toMatchObject({ households: 0, totalGap: 0, closed: 3, cost: 11_000, averagePerCapita: 5_250 });
    const items = Object.fromEntries(planA.households.items.map((h) => [h.householdId, h.items.map((i) => [i.kind, i.units, i.value])]));
    expect(items[H.H1!]).toEqual([['dividend', 2, 2_000]]);
    expect(items[H.H2!]).toEqual([['dividend', 3, 3_000]]);
    expect(items[H.H5!]).toEqual([['welfare_post', 1, 6_000]]);
    expect(planA.households.items.find((h) => h.householdId === H.H5)!.items[0]!.memberName).toBe('戊一');
  });

  it('leaves a household open with a reason when shares run short, and says who cannot take a post', async () => {
    const res = await guan.post('/api/preassessment/plans', resources(4));
    planB = res.json<Plan>();
    expect(planB.after).toMatchObject({ closed: 2, households: 1, cost: 8_000 });
    const open = planB.households.items.find((h) => !h.closed)!;
    expect(open).toMatchObject({ householdId: H.H2, reason: 'resources_exhausted' });
    expect(open.reasonText).toContain('分红项目“光伏”');
    const postsOnly = (await guan.post('/api/preassessment/plans', { on: ON, posts: [{ name: '保洁', wage: 6_000, posts: 10 }] })).json<Plan>();
    const old = postsOnly.households.items.find((h) => h.householdId === H.H2)!;
    expect(old).toMatchObject({ closed: false, reason: 'no_eligible_member' });
    expect(old.reasonText).toContain('16–70周岁');
    const unclosable = (await guan.get(`/api/preassessment/plans/${postsOnly.id}?outcome=unclosable`)).json<Plan>();
    expect(unclosable.households.items.map((h) => h.householdId)).toEqual([H.H2]);
    expect(unclosable.unclosableReasons).toEqual([{ reason: 'no_eligible_member', households: 1 }]);
  });

  it('accepting creates the measures in one go, audited, and the list below the line shrinks', async () => {
    const res = await guan.post(`/api/preassessment/plans/${planA.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Plan>()).toMatchObject({ status: 'accepted', measuresCreated: 3 });
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.batch, `gap-plan-${planA.id}`));
    expect(trail.map((a) => [a.entity, a.action])).toEqual(new Array(3).fill(['measure', 'create']));
    const measures = (await guan.get(`/api/households/${H.H5}/measures`)).json<{ items: { kind: string; source: string; planId: number; yearlyValue: number; startOn: string; memberName: string }[] }>();
    expect(measures.items).toEqual([expect.objectContaining({ kind: 'welfare_post', source: 'gap_plan', planId: planA.id, yearlyValue: 6_000, startOn: '2020-07-01', memberName: '戊一' })]);
    // The measures start on 2020-07-01, after the record: each counts its full yearly value.
    expect((await guan.get(`/api/preassessment?on=${ON}`)).json<{ total: number }>().total).toBe(0);
  });

  it('refuses to accept twice, and refuses a plan made before the households got measures', async () => {
    const twice = await guan.post(`/api/preassessment/plans/${planA.id}/accept`);
    expect(twice.statusCode).toBe(409);
    const stale = await guan.post(`/api/preassessment/plans/${planB.id}/accept`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { messageZh: string } }>().error.messageZh).toContain('重新制定计划');
  });

  it('needs the planning right to propose or accept, and keeps plans in scope', async () => {
    expect((await cadre.post('/api/preassessment/plans', resources(5))).statusCode).toBe(403);
    expect((await cadre.get('/api/preassessment/plans')).statusCode).toBe(200);
    expect((await shen.get(`/api/preassessment/plans/${planA.id}`)).statusCode).toBe(404);
    expect((await shen.post(`/api/preassessment/plans/${planB.id}/accept`)).statusCode).toBe(404);
    expect((await shen.post('/api/preassessment/plans', { ...resources(5), areaId: city.guan.id })).statusCode).toBe(404);
    expect((await shen.get('/api/preassessment/plans')).json<{ total: number }>().total).toBe(0);
    const list = (await guan.get('/api/preassessment/plans?status=accepted')).json<{ items: { id: number }[] }>();
    expect(list.items.map((p) => p.id)).toEqual([planA.id]);
  });

  it('exports a plan’s households with their measures', async () => {
    const res = await guan.get(`/api/preassessment/plans/${planA.id}/export?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('PRE-H5');
    expect(res.body).toContain('公益岗位（保洁）戊一');
  });
});

describe('measures of a household', () => {
  it('adds one, counts it in the projection, ends it and refuses to end it twice', async () => {
    const add = await guan.post(`/api/households/${H.H3}/measures`, { kind: 'health', startOn: '2020-01-01', responsibleUnit: '县卫健局', note: '家庭医生签约' });
    expect(add.statusCode, add.body).toBe(201);
    const s1 = await guan.post(`/api/households/${H.H3}/measures`, { kind: 'industry', startOn: '2020-08-01', yearlyValue: 1_500, note: '养殖项目' });
    expect(s1.statusCode, s1.body).toBe(201);
    const list = (await guan.get(`/api/households/${H.H3}/measures`)).json<{ items: { id: number; kind: string; yearlyValue: number | null; version: number }[] }>();
    expect(list.items.map((m) => [m.kind, m.yearlyValue])).toEqual([
      ['health', null],
      ['industry', 1_500],
    ]);
    const industry = list.items[1]!;
    const end = await guan.post(`/api/measures/${industry.id}/end`, { version: industry.version, endOn: '2020-12-31', reason: '项目终止' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json()).toMatchObject({ endOn: '2020-12-31', endReason: '项目终止' });
    expect((await guan.post(`/api/measures/${industry.id}/end`, { version: 2, endOn: '2021-01-31', reason: 'x' })).statusCode).toBe(409);
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'measure'), eq(auditLog.householdId, H.H3!)));
    expect(trail.map((a) => a.action).sort()).toEqual(['create', 'create', 'end']);
  });

  it('moves a household across the line when a measure starts and back when it ends', async () => {
    const below = async () => (await guan.get(`/api/preassessment?on=2020-09-30&areaId=${city.guanV2.id}`)).json<{ total: number }>().total;
    expect(await below()).toBe(0); // H2 got its 3 shares from plan A
    const [share] = (await guan.get(`/api/households/${H.H2}/measures`)).json<{ items: { id: number; version: number }[] }>().items;
    await guan.post(`/api/measures/${share!.id}/end`, { version: share!.version, endOn: '2020-08-31', reason: '股份收回' });
    expect(await below()).toBe(1);
  });

  it('follows a corrected income record at once', async () => {
    const listed = async () => (await guan.get(`/api/preassessment?on=${ON}&areaId=${city.guanV1.id}`)).json<{ items: Row[] }>().items.map((r) => r.householdNo);
    expect(await listed()).not.toContain('PRE-H3');
    const [income] = (await guan.get(`/api/households/${H.H3}`)).json<{ incomes: { id: number; version: number }[] }>().incomes;
    expect((await guan.patch(`/api/incomes/${income!.id}`, { version: income!.version, wage: 300 })).statusCode).toBe(200);
    // 300 × 12/9 = 400, plus the industry measure still running on the projection date (1,500): 1,900 a head.
    const h3 = (await guan.get(`/api/preassessment?on=${ON}&areaId=${city.guanV1.id}`)).json<{ items: Row[] }>().items.find((r) => r.householdNo === 'PRE-H3');
    expect(h3).toMatchObject({ perCapita: 1_900, gap: 2_600 });
  });

  it('refuses a member of another household, a value for a kind that pays nothing, and other counties', async () => {
    const [other] = (await guan.get(`/api/households/${H.H1}`)).json<{ members: { id: number }[] }>().members;
    const wrong = await guan.post(`/api/households/${H.H3}/measures`, { kind: 'welfare_post', memberId: other!.id, startOn: '2020-07-01', yearlyValue: 6_000 });
    expect(wrong.statusCode).toBe(400);
    const paysNothing = await guan.post(`/api/households/${H.H3}/measures`, { kind: 'housing', startOn: '2020-07-01', yearlyValue: 20_000 });
    expect(paysNothing.statusCode).toBe(400);
    expect((await shen.get(`/api/households/${H.H3}/measures`)).statusCode).toBe(404);
    expect((await shen.post(`/api/households/${H.H3}/measures`, { kind: 'health', startOn: '2020-07-01' })).statusCode).toBe(404);
    expect((await cadre.post(`/api/households/${H.H3}/measures`, { kind: 'health', startOn: '2020-07-01' })).statusCode).toBe(201);
  });
});
