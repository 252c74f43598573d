import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import { signIn } from '../../test/app.js';
import { makeHousehold, makeUser } from '../../test/factories.js';
import { findings } from '../findings/schema.js';
import { addEnabledRule, setUp, TEST_RULES, type Session } from '../findings/test-setup.js';
import { households } from '../registry/schema.js';

let env: Awaited<ReturnType<typeof setUp>>;
const s = {} as Record<'housingGuan' | 'housingShen' | 'education' | 'township', Session>;

interface Problem {
  id: number;
  state: string;
  department: string;
  countyId: number | null;
  deadline: string | null;
  overdue: boolean;
  falseRectification: boolean;
  supervised: boolean;
  actions: string[];
  history: { action: string; from: string; to: string; reason: string | null; evidence: string | null; username: string | null }[];
  attachments: { id: number; fileName: string }[];
}

async function run(): Promise<{ counts: Record<string, number> }> {
  const res = await env.as.city.post('/api/rule-runs', {});
  expect(res.statusCode, res.body).toBe(202);
  await env.t.ruleRunner.idle();
  return (await env.as.city.get(`/api/rule-runs/${res.json<{ id: number }>().id}`)).json();
}

/** A household of 冠县 (or 莘县) with a D-grade house, and its housing problem after a run. */
async function problemIn(county: 'guan' | 'shen' = 'guan', grade: 'A' | 'C' | 'D' = 'D'): Promise<{ id: number; householdId: number }> {
  const village = county === 'guan' ? env.city.guanV1.id : env.city.shenV1.id;
  const householdId = await makeHousehold(env.t.db, env.users.city.actor, village, { housingGrade: grade });
  await run();
  const [f] = await env.t.db.select().from(findings).where(eq(findings.householdId, householdId));
  return { id: f!.id, householdId };
}

const act = (who: Session, id: number, body: object) => who.post(`/api/problems/${id}/actions`, body);
const detail = async (who: Session, id: number) => (await who.get(`/api/problems/${id}`)).json<Problem>();
const FUTURE = '2099-12-31';

/** Takes a problem to 已整改 as the housing officer of 冠县. */
async function toRectified(id: number) {
  expect((await act(s.housingGuan, id, { action: 'confirm' })).statusCode).toBe(200);
  expect((await act(s.housingGuan, id, { action: 'set_deadline', deadline: FUTURE })).statusCode).toBe(200);
  expect((await act(s.housingGuan, id, { action: 'rectify', evidence: '已完成危房改造' })).statusCode).toBe(200);
}

beforeAll(async () => {
  env = await setUp();
  const { t, city } = env;
  await makeUser(t.db, 'department_officer', city.guan.id, { username: 'p_housing_guan', department: 'housing' });
  await makeUser(t.db, 'department_officer', city.shen.id, { username: 'p_housing_shen', department: 'housing' });
  await makeUser(t.db, 'department_officer', city.city.id, { username: 'p_education', department: 'education' });
  await makeUser(t.db, 'township_staff', city.guanTown.id, { username: 'p_township' });
  s.housingGuan = await signIn(t.app, 'p_housing_guan');
  s.housingShen = await signIn(t.app, 'p_housing_shen');
  s.education = await signIn(t.app, 'p_education');
  s.township = await signIn(t.app, 'p_township');
  await addEnabledRule(env.as.city, TEST_RULES.housing);
});
afterAll(() => env?.t.close());

describe('routing and scope', () => {
  it('a new problem is routed to its rule’s department and its household’s county, and starts 待核实', async () => {
    const p = await problemIn('guan');
    const d = await detail(env.as.city, p.id);
    expect(d).toMatchObject({ state: 'pending', department: 'housing', countyId: env.city.guan.id, overdue: false, falseRectification: false });
    expect(d.actions).toEqual([]);
    expect((await detail(s.housingGuan, p.id)).actions).toEqual(['confirm', 'reject']);
  });

  it('another department, another county’s officer and another county office get 404; roles without the right get 403', async () => {
    const p = await problemIn('guan');
    expect((await act(s.education, p.id, { action: 'confirm' })).statusCode).toBe(404);
    expect((await act(s.housingShen, p.id, { action: 'confirm' })).statusCode).toBe(404);
    expect((await act(env.as.shen, p.id, { action: 'confirm' })).statusCode).toBe(404);
    expect((await s.housingShen.get(`/api/problems/${p.id}`)).statusCode).toBe(404);
    expect((await act(s.township, p.id, { action: 'confirm' })).statusCode).toBe(403);
    expect((await act(env.as.cadre, p.id, { action: 'confirm' })).statusCode).toBe(403);
    const shenList = (await s.housingShen.get('/api/problems?pageSize=200')).json<{ items: { id: number }[] }>();
    expect(shenList.items.map((i) => i.id)).not.toContain(p.id);
  });
});

describe('transitions by role', () => {
  it('the department confirms, sets a deadline and reports rectified with evidence and an attachment; the office closes it off', async () => {
    const p = await problemIn('guan');
    // The office may not confirm (that is the department's), nor close off before 已整改.
    expect((await act(env.as.city, p.id, { action: 'confirm' })).statusCode).toBe(403);
    expect((await act(env.as.city, p.id, { action: 'close_off' })).statusCode).toBe(409);
    expect((await act(s.housingGuan, p.id, { action: 'confirm' })).json()).toMatchObject({ state: 'confirmed' });
    expect((await act(s.housingGuan, p.id, { action: 'set_deadline' })).statusCode).toBe(400);
    expect((await act(s.housingGuan, p.id, { action: 'set_deadline', deadline: '2001-01-01' })).statusCode).toBe(400);
    expect((await act(s.housingGuan, p.id, { action: 'set_deadline', deadline: FUTURE })).json()).toMatchObject({ state: 'rectifying', deadline: FUTURE });
    expect((await act(s.housingGuan, p.id, { action: 'rectify' })).statusCode).toBe(400);
    const photo = { fileName: '改造后.png', contentType: 'image/png', dataBase64: Buffer.from('png-bytes').toString('base64') };
    const rectified = await act(s.housingGuan, p.id, { action: 'rectify', evidence: '已完成危房改造，验收合格', attachments: [photo] });
    expect(rectified.statusCode, rectified.body).toBe(200);
    expect(rectified.json()).toMatchObject({ state: 'rectified', attachments: [{ fileName: '改造后.png' }] });
    expect((await act(s.housingGuan, p.id, { action: 'close_off' })).statusCode).toBe(403);
    const closed = (await act(env.as.city, p.id, { action: 'close_off', reason: '材料齐全' })).json<Problem>();
    expect(closed.state).toBe('closed_off');
    expect(closed.history.map((h) => [h.action, h.from, h.to, h.username])).toEqual([
      ['close_off', 'rectified', 'closed_off', 'rules_city'],
      ['rectify', 'rectifying', 'rectified', 'p_housing_guan'],
      ['set_deadline', 'confirmed', 'rectifying', 'p_housing_guan'],
      ['confirm', 'pending', 'confirmed', 'p_housing_guan'],
    ]);
    expect(closed.history[1]!.evidence).toBe('已完成危房改造，验收合格');
    // The attachment comes back to those who may see the problem, audited; not to another county.
    const url = `/api/problems/${p.id}/attachments/${closed.attachments[0]!.id}`;
    const file = await env.as.guan.get(url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString()).toBe('png-bytes');
    expect((await env.as.shen.get(url)).statusCode).toBe(404);
    const [trail] = await query<{ n: number }>(env.t.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'problem' AND entity_id = ${String(p.id)}`);
    expect(trail!.n).toBe(4);
  });

  it('the office returns a rectified problem with a reason; the officer sees it as returned in the inbox', async () => {
    const p = await problemIn('guan');
    await toRectified(p.id);
    expect((await act(env.as.guan, p.id, { action: 'return' })).statusCode).toBe(400);
    const back = (await act(env.as.guan, p.id, { action: 'return', reason: '佐证照片不清楚' })).json<Problem>();
    expect(back).toMatchObject({ state: 'rectifying', deadline: FUTURE });
    const list = (await s.housingGuan.get('/api/problems?returned=true&pageSize=200')).json<{ items: { id: number }[] }>();
    expect(list.items.map((i) => i.id)).toContain(p.id);
    const box = (await s.housingGuan.get('/api/problems/inbox')).json<{ items: { kind: string; count: number }[] }>();
    expect(box.items.find((i) => i.kind === 'returned')!.count).toBeGreaterThanOrEqual(1);
    expect(box.items.map((i) => i.kind)).toEqual(['pending', 'returned', 'rectifying', 'overdue']);
  });

  it('不属实 needs an explanation; the office either accepts it (销号) or sends it back to 待核实', async () => {
    const a = await problemIn('guan');
    const b = await problemIn('guan');
    expect((await act(s.housingGuan, a.id, { action: 'reject' })).statusCode).toBe(400);
    expect((await act(s.housingGuan, a.id, { action: 'reject', reason: '已于2020年改造，评级未更新' })).json()).toMatchObject({ state: 'rejected' });
    expect((await act(env.as.city, a.id, { action: 'accept_rejection' })).json()).toMatchObject({ state: 'closed_off' });
    await act(s.housingGuan, b.id, { action: 'reject', reason: '不属实' });
    expect((await act(env.as.city, b.id, { action: 'return_rejection', reason: '请入户核实' })).json()).toMatchObject({ state: 'pending' });
  });
});

describe('overdue', () => {
  it('a passed deadline marks the problem overdue in the list, its filter and the inbox until reported rectified', async () => {
    const p = await problemIn('guan');
    await act(s.housingGuan, p.id, { action: 'confirm' });
    await act(s.housingGuan, p.id, { action: 'set_deadline', deadline: FUTURE });
    await env.t.db.update(findings).set({ deadline: '2020-01-01' }).where(eq(findings.id, p.id));
    expect((await detail(s.housingGuan, p.id)).overdue).toBe(true);
    const overdue = (await s.housingGuan.get('/api/problems?overdue=true&pageSize=200')).json<{ items: { id: number }[] }>();
    expect(overdue.items.map((i) => i.id)).toContain(p.id);
    const box = (await env.as.city.get('/api/problems/inbox')).json<{ items: { kind: string; count: number }[] }>();
    expect(box.items.find((i) => i.kind === 'overdue')!.count).toBeGreaterThanOrEqual(1);
    await act(s.housingGuan, p.id, { action: 'rectify', evidence: '已改造' });
    expect((await detail(s.housingGuan, p.id)).overdue).toBe(false);
  });
});

describe('整改不实', () => {
  it('a run that finds a closed-off problem again sends it back to 整改中, flagged, and counts it in the diff', async () => {
    const p = await problemIn('guan');
    await toRectified(p.id);
    await act(env.as.city, p.id, { action: 'close_off' });
    await env.t.db.update(households).set({ housingGrade: 'B' }).where(eq(households.id, p.householdId));
    expect((await run()).counts).toMatchObject({ closed: 1, falseRectified: 0 });
    await env.t.db.update(households).set({ housingGrade: 'D' }).where(eq(households.id, p.householdId));
    expect((await run()).counts).toMatchObject({ reopened: 1, falseRectified: 1, new: 0 });
    const d = await detail(s.housingGuan, p.id);
    expect(d).toMatchObject({ state: 'rectifying', falseRectification: true });
    expect(d.history[0]).toMatchObject({ action: 'redetected', from: 'closed_off', to: 'rectifying', username: null });
    const flagged = (await env.as.city.get('/api/problems?falseRectification=true&pageSize=200')).json<{ items: { id: number }[] }>();
    expect(flagged.items.map((i) => i.id)).toContain(p.id);
  });

  it('a problem still pending when the data reappears is just reopened, not flagged', async () => {
    const p = await problemIn('guan');
    await env.t.db.update(households).set({ housingGrade: 'B' }).where(eq(households.id, p.householdId));
    await run();
    await env.t.db.update(households).set({ housingGrade: 'C' }).where(eq(households.id, p.householdId));
    expect((await run()).counts).toMatchObject({ reopened: 1, falseRectified: 0 });
    expect(await detail(env.as.city, p.id)).toMatchObject({ state: 'pending', falseRectification: false });
  });
});

describe('bulk actions', () => {
  it('confirms a selection, reporting refused items with reasons, each confirmed problem with its own history', async () => {
    const a = await problemIn('guan');
    const b = await problemIn('guan');
    const c = await problemIn('guan');
    const other = await problemIn('shen');
    await act(s.housingGuan, c.id, { action: 'confirm' });
    const res = await env.as.guan.post('/api/problems/bulk', { action: 'confirm', ids: [a.id, b.id, c.id, other.id] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ done: number; doneIds: number[]; refused: { id: number; code: string; reasonZh: string }[] }>();
    expect(body.done).toBe(2);
    expect(body.doneIds).toEqual([a.id, b.id]);
    expect(body.refused.map((r) => [r.id, r.code])).toEqual([
      [c.id, 'INVALID_STATE'],
      [other.id, 'NOT_FOUND'],
    ]);
    expect(body.refused[0]!.reasonZh).toContain('属实');
    expect((await detail(env.as.guan, a.id)).history).toHaveLength(1);
  });

  it('sets a deadline on everything a filter matches in the actor’s scope', async () => {
    const a = await problemIn('shen');
    await act(s.housingShen, a.id, { action: 'confirm' });
    const res = await s.housingShen.post('/api/problems/bulk', { action: 'set_deadline', deadline: FUTURE, filter: { state: 'confirmed' } });
    expect(res.json()).toMatchObject({ done: 1, refused: [] });
    expect(await detail(s.housingShen, a.id)).toMatchObject({ state: 'rectifying', deadline: FUTURE });
  });
});

describe('回头看 and 挂牌督办', () => {
  it('draws a random sample of closed-off problems by number or percentage, and a re-opened one becomes 整改不实', async () => {
    const ps = [await problemIn('shen'), await problemIn('shen'), await problemIn('shen')];
    for (const p of ps) {
      await act(s.housingShen, p.id, { action: 'confirm' });
      await act(s.housingShen, p.id, { action: 'set_deadline', deadline: FUTURE });
      await act(s.housingShen, p.id, { action: 'rectify', evidence: '已改造' });
      await act(env.as.shen, p.id, { action: 'close_off' });
    }
    expect((await s.housingShen.post('/api/rechecks', { size: 1 })).statusCode).toBe(403);
    const drawn = await env.as.shen.post('/api/rechecks', { size: 2 });
    expect(drawn.statusCode, drawn.body).toBe(201);
    expect(drawn.json()).toMatchObject({ eligible: 3, drawn: 2 });
    // The third is what is left; a percentage rounds up.
    expect((await env.as.shen.post('/api/rechecks', { percent: 50 })).json()).toMatchObject({ eligible: 1, drawn: 1 });
    const batch = (await env.as.shen.get(`/api/rechecks/${drawn.json<{ id: number }>().id}`)).json<{ id: number; items: { findingId: number }[] }>();
    const [first, second] = batch.items.map((i) => i.findingId);
    const url = (f: number) => `/api/rechecks/${batch.id}/items/${f}`;
    expect((await env.as.shen.post(url(first!), { result: 'reopened', note: '房屋仍漏雨' })).statusCode).toBe(400);
    expect((await env.as.shen.post(url(first!), { result: 'reopened', note: '房屋仍漏雨', deadline: FUTURE })).json()).toMatchObject({ state: 'rectifying' });
    expect((await env.as.shen.post(url(second!), { result: 'confirmed' })).json()).toMatchObject({ state: 'closed_off' });
    expect((await env.as.shen.post(url(second!), { result: 'confirmed' })).statusCode).toBe(409);
    expect(await detail(env.as.shen, first!)).toMatchObject({ state: 'rectifying', falseRectification: true });
    expect((await env.as.guan.get(`/api/rechecks/${batch.id}`)).statusCode).toBe(404);
  });

  it('puts a township under supervision, marks its problems, suggests busy areas and lifts it', async () => {
    const p = await problemIn('guan');
    const sug = (await env.as.city.get('/api/supervisions/suggestions?threshold=0&level=county')).json<{ items: { areaId: number; supervised: boolean }[] }>();
    expect(sug.items.map((i) => i.areaId)).toContain(env.city.guan.id);
    expect((await s.housingGuan.post('/api/supervisions', { areaId: env.city.guanTown.id, reason: '问题较多' })).statusCode).toBe(403);
    expect((await env.as.city.post('/api/supervisions', { areaId: env.city.guanV1.id, reason: '问题较多' })).statusCode).toBe(400);
    const started = await env.as.city.post('/api/supervisions', { areaId: env.city.guanTown.id, reason: '未整改问题较多' });
    expect(started.statusCode, started.body).toBe(201);
    expect((await env.as.city.post('/api/supervisions', { areaId: env.city.guanTown.id, reason: '重复' })).statusCode).toBe(409);
    expect((await detail(env.as.city, p.id)).supervised).toBe(true);
    const marked = (await env.as.city.get('/api/problems?supervised=true&pageSize=200')).json<{ items: { countyId: number }[] }>();
    expect(new Set(marked.items.map((i) => i.countyId))).toEqual(new Set([env.city.guan.id]));
    expect((await env.as.shen.post(`/api/supervisions/${started.json<{ id: number }>().id}/lift`, { reason: '已整改' })).statusCode).toBe(404);
    expect((await env.as.city.post(`/api/supervisions/${started.json<{ id: number }>().id}/lift`, { reason: '问题已整改到位' })).statusCode).toBe(200);
    expect((await detail(env.as.city, p.id)).supervised).toBe(false);
    const list = (await env.as.city.get('/api/supervisions')).json<{ items: { liftedAt: string | null; liftReason: string }[] }>();
    expect(list.items[0]).toMatchObject({ liftReason: '问题已整改到位' });
  });
});

describe('ledger', () => {
  it('counts, closure rates and overdue per department and county, and the weekly trend, on a known set', async () => {
    await addEnabledRule(env.as.city, { ...TEST_RULES.housing, code: 'TST-WATER', department: 'water', condition: "household.housing_grade = 'A'" });
    const g1 = await problemIn('guan', 'A');
    const g2 = await problemIn('guan', 'A');
    await problemIn('shen', 'A');
    const waterGuan = await makeUser(env.t.db, 'department_officer', env.city.guan.id, { username: 'p_water_guan', department: 'water' });
    const water = await signIn(env.t.app, waterGuan.user.username);
    const [w1] = await env.t.db.select().from(findings).where(sql`${findings.householdId} = ${g1.householdId} AND ${findings.ruleCode} = 'TST-WATER'`);
    const [w2] = await env.t.db.select().from(findings).where(sql`${findings.householdId} = ${g2.householdId} AND ${findings.ruleCode} = 'TST-WATER'`);
    for (const step of [{ action: 'confirm' }, { action: 'set_deadline', deadline: FUTURE }, { action: 'rectify', evidence: '已通自来水' }]) await act(water, w1!.id, step);
    await act(env.as.city, w1!.id, { action: 'close_off' });
    await act(water, w2!.id, { action: 'confirm' });
    await act(water, w2!.id, { action: 'set_deadline', deadline: FUTURE });
    await env.t.db.update(findings).set({ deadline: '2020-01-01' }).where(eq(findings.id, w2!.id));

    const res = await env.as.city.get('/api/problems/ledger?department=water&weeks=2');
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json<{ totals: object; byDepartment: object[]; byCounty: { countyId: number }[]; trend: { opened: number; closedOff: number }[] }>();
    expect(l.totals).toMatchObject({ total: 3, closedOff: 1, overdue: 1, inProgress: 1, pending: 1, closureRate: 0.3333 });
    expect(l.byDepartment).toEqual([expect.objectContaining({ department: 'water', total: 3, closedOff: 1 })]);
    // In area-code order: 莘县 371522 before 冠县 371525.
    expect(l.byCounty).toEqual([
      expect.objectContaining({ countyId: env.city.shen.id, name: '莘县', total: 1, closedOff: 0, closureRate: 0 }),
      expect.objectContaining({ countyId: env.city.guan.id, name: '冠县', total: 2, closedOff: 1, overdue: 1, closureRate: 0.5 }),
    ]);
    expect(l.trend).toHaveLength(2);
    expect(l.trend[1]).toEqual(expect.objectContaining({ opened: 3, closedOff: 1 }));
    // The water officer of 冠县 sees only 冠县's figures.
    expect((await water.get('/api/problems/ledger')).json<{ totals: { total: number } }>().totals.total).toBe(2);
    const file = await env.as.city.get('/api/problems/export?department=water&format=xlsx');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});
