/**
 * The monitoring procedure through the API: every step allowed and refused by role and area, the notice's time
 * limit, overdue flags, rejection, one open episode at a time, approval changing the registry, elimination.
 */
import { and, eq } from 'drizzle-orm';
import { openZip } from '../ingest/zip.js';
import { ingestLimits } from '../ingest/limits.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, households, members, monitoringCases } from '../../db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { memberInput } from '../../test/factories.js';
import { monitoringCity } from './test-setup.js';

let t: TestApp;
let m: Awaited<ReturnType<typeof monitoringCity>>;
beforeAll(async () => {
  t = await testApp();
  m = await monitoringCity(t);
});
afterAll(() => t.close());

type Case = { id: number; version: number; status: string; step: string | null; overdue: boolean; phaseDays: number; steps: { step: string; days: number; by: string }[]; allowed: { step: string | null; canPropose: boolean } };
const NEW_CASE = { category: 'marginal', riskTypes: ['illness'], identifiedOn: '2026-01-05', incomeAtIdentification: 3200, openedOn: '2026-01-05' };

async function openCase(householdId: number, over: object = {}) {
  const res = await m.as.cadre.post('/api/monitoring/cases', { householdId, ...NEW_CASE, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Case>();
}
const step = (who: keyof typeof m.as, c: { id: number; version: number }, body: object) => m.as[who].post(`/api/monitoring/cases/${c.id}/steps`, { version: c.version, ...body });

/** Takes a case through the inclusion chain with valid dates. */
async function include(c: Case): Promise<Case> {
  let cur = c;
  for (const [who, body] of [
    ['cadre', { step: 'visit', outcome: 'pass', performedOn: '2026-01-06' }],
    ['cadre', { step: 'appraisal', outcome: 'pass', performedOn: '2026-01-07' }],
    ['cadre', { step: 'notice', outcome: 'pass', noticeStart: '2026-01-08', noticeEnd: '2026-01-13' }],
    ['township', { step: 'township_review', outcome: 'pass', performedOn: '2026-01-13' }],
    ['county', { step: 'county_approval', outcome: 'pass', performedOn: '2026-01-14' }],
  ] as const) {
    const res = await step(who, cur, body);
    expect(res.statusCode, res.body).toBe(200);
    cur = res.json<Case>();
  }
  return cur;
}

describe('inclusion procedure', () => {
  it('runs the chain with days per step; approval makes an ordinary household monitored, through the audited registry', async () => {
    const hh = await m.household();
    const c = await openCase(hh);
    expect(c).toMatchObject({ status: 'in_procedure', step: 'visit', allowed: { step: 'visit' } });
    const done = await include(c);
    expect(done).toMatchObject({ status: 'monitored', step: null, includedOn: '2026-01-14' });
    expect(done.steps.map((s) => [s.step, s.days])).toEqual([['visit', 1], ['appraisal', 1], ['notice', 1], ['township_review', 5], ['county_approval', 1]]);
    const [h] = await t.db.select().from(households).where(eq(households.id, hh));
    expect(h!.type).toBe('monitored');
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.householdId, hh), eq(auditLog.entity, 'household'), eq(auditLog.action, 'update')));
    expect(trail.at(-1)!.newValues).toMatchObject({ type: 'monitored' });
  });

  it('keeps a lifted household lifted when it is taken into monitoring', async () => {
    const hh = await m.household({ type: 'lifted' });
    await include(await openCase(hh, { category: 'unstable_lifted' }));
    const [h] = await t.db.select().from(households).where(eq(households.id, hh));
    expect(h!.type).toBe('lifted');
  });

  it('refuses each step to the wrong role, the wrong level, another village and another county; refuses skipping', async () => {
    const c = await openCase(await m.household());
    // Skipping to the appraisal, or to the county approval, is refused even for the right role.
    expect((await step('cadre', c, { step: 'appraisal', outcome: 'pass' })).statusCode).toBe(409);
    expect((await step('county', c, { step: 'county_approval', outcome: 'pass' })).statusCode).toBe(409);
    // The visit: not the county office, not the city office, not a cadre of another village (404: not theirs), not 莘县.
    expect((await step('county', c, { step: 'visit', outcome: 'pass' })).statusCode).toBe(403);
    expect((await step('city', c, { step: 'visit', outcome: 'pass' })).statusCode).toBe(403);
    expect((await step('otherCadre', c, { step: 'visit', outcome: 'pass' })).statusCode).toBe(404);
    expect((await step('shenCounty', c, { step: 'visit', outcome: 'pass' })).statusCode).toBe(404);
    expect((await step('department', c, { step: 'visit', outcome: 'pass' })).statusCode).toBe(403);
    // The township staff may do the village steps too.
    let cur = (await step('township', c, { step: 'visit', outcome: 'pass', performedOn: '2026-01-06' })).json<Case>();
    cur = (await step('cadre', cur, { step: 'appraisal', outcome: 'pass', performedOn: '2026-01-06' })).json<Case>();
    cur = (await step('cadre', cur, { step: 'notice', outcome: 'pass', noticeStart: '2026-01-07', noticeEnd: '2026-01-12' })).json<Case>();
    // Township review: not the village cadre, not the county office.
    expect((await step('cadre', cur, { step: 'township_review', outcome: 'pass', performedOn: '2026-01-12' })).statusCode).toBe(403);
    expect((await step('county', cur, { step: 'township_review', outcome: 'pass', performedOn: '2026-01-12' })).statusCode).toBe(403);
    cur = (await step('township', cur, { step: 'township_review', outcome: 'pass', performedOn: '2026-01-12' })).json<Case>();
    // County approval: not the township, not the city office, not another county.
    expect((await step('township', cur, { step: 'county_approval', outcome: 'pass' })).statusCode).toBe(403);
    expect((await step('city', cur, { step: 'county_approval', outcome: 'pass' })).statusCode).toBe(403);
    expect((await step('shenCounty', cur, { step: 'county_approval', outcome: 'pass' })).statusCode).toBe(404);
    expect((await step('county', cur, { step: 'county_approval', outcome: 'pass', performedOn: '2026-01-13' })).statusCode).toBe(200);
  });

  it('refuses a notice shorter than 5 days, and the township review before the notice ends', async () => {
    let c = await openCase(await m.household());
    c = (await step('cadre', c, { step: 'visit', outcome: 'pass', performedOn: '2026-01-06' })).json<Case>();
    c = (await step('cadre', c, { step: 'appraisal', outcome: 'pass', performedOn: '2026-01-07' })).json<Case>();
    const short = await step('cadre', c, { step: 'notice', outcome: 'pass', noticeStart: '2026-01-08', noticeEnd: '2026-01-12' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.messageZh).toMatch(/不少于5天/);
    c = (await step('cadre', c, { step: 'notice', outcome: 'pass', noticeStart: '2026-01-08', noticeEnd: '2026-01-13' })).json<Case>();
    const early = await step('township', c, { step: 'township_review', outcome: 'pass', performedOn: '2026-01-12' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toMatch(/公示期/);
  });

  it('flags cases beyond the configured limit as overdue', async () => {
    const c = await openCase(await m.household(), { openedOn: '2026-01-05' });
    expect(c).toMatchObject({ overdue: true });
    const list = await m.as.county.get('/api/monitoring/cases?overdue=true&pageSize=200');
    expect(list.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(c.id);
    const fresh = await openCase(await m.household(), { openedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) });
    expect(fresh.overdue).toBe(false);
    // The limit is a setting of the city office.
    expect((await m.as.county.send({ method: 'PUT', url: '/api/monitoring/settings', payload: { procedureDaysLimit: 100 } })).statusCode).toBe(403);
    expect((await m.as.city.send({ method: 'PUT', url: '/api/monitoring/settings', payload: { procedureDaysLimit: 365 } })).statusCode).toBe(200);
    expect((await m.as.county.get(`/api/monitoring/cases/${c.id}`)).json<Case>().overdue).toBe(false);
    await m.as.city.send({ method: 'PUT', url: '/api/monitoring/settings', payload: { procedureDaysLimit: 15 } });
  });

  it('a rejection ends the case with its reason; the household can then open a new episode', async () => {
    const hh = await m.household();
    let c = await openCase(hh);
    expect((await step('cadre', c, { step: 'visit', outcome: 'reject' })).statusCode).toBe(400);
    c = (await step('cadre', c, { step: 'visit', outcome: 'reject', note: '入户核实收入高于监测线', performedOn: '2026-01-06' })).json<Case>();
    expect(c).toMatchObject({ status: 'rejected', step: null, rejectReason: '入户核实收入高于监测线' });
    expect((await step('cadre', c, { step: 'appraisal', outcome: 'pass' })).statusCode).toBe(409);
    const again = await openCase(hh);
    expect(again.id).not.toBe(c.id);
  });

  it('keeps one open episode per household: a clear error, and the database refuses a second one too', async () => {
    const hh = await m.household();
    await openCase(hh);
    const second = await m.as.cadre.post('/api/monitoring/cases', { householdId: hh, ...NEW_CASE });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'ALREADY_EXISTS' });
    const [row] = await t.db.select().from(monitoringCases).where(eq(monitoringCases.householdId, hh));
    await expect(t.db.insert(monitoringCases).values({ ...row!, id: undefined as never, status: 'monitored' })).rejects.toThrow();
  });

  it('validates risk types: one to five, a disaster kind for 因自然灾害, a note for 其他', async () => {
    const hh = await m.household();
    const post = (over: object) => m.as.cadre.post('/api/monitoring/cases', { householdId: hh, ...NEW_CASE, ...over });
    expect((await post({ riskTypes: [] })).statusCode).toBe(400);
    expect((await post({ riskTypes: ['illness', 'schooling', 'disability', 'accident', 'water', 'housing'] })).statusCode).toBe(400);
    expect((await post({ riskTypes: ['disaster'] })).statusCode).toBe(400);
    expect((await post({ riskTypes: ['other'] })).statusCode).toBe(400);
    expect((await post({ riskTypes: ['disaster', 'other'], disasterKind: 'flood', otherNote: '房屋被淹' })).statusCode).toBe(201);
  });

  it('lists the cases waiting for the signed-in user (waiting=mine)', async () => {
    let c = await openCase(await m.household());
    const ids = async (who: keyof typeof m.as) => (await m.as[who].get('/api/monitoring/cases?waiting=mine&pageSize=200')).json<{ items: { id: number }[] }>().items.map((i) => i.id);
    expect(await ids('cadre')).toContain(c.id);
    expect(await ids('county')).not.toContain(c.id);
    c = (await step('cadre', c, { step: 'visit', outcome: 'pass', performedOn: '2026-01-06' })).json<Case>();
    c = (await step('cadre', c, { step: 'appraisal', outcome: 'pass', performedOn: '2026-01-06' })).json<Case>();
    c = (await step('cadre', c, { step: 'notice', outcome: 'pass', noticeStart: '2026-01-06', noticeEnd: '2026-01-11' })).json<Case>();
    c = (await step('township', c, { step: 'township_review', outcome: 'pass', performedOn: '2026-01-11' })).json<Case>();
    expect(await ids('county')).toContain(c.id);
    expect(await ids('cadre')).not.toContain(c.id);
    expect(await ids('shenCounty')).not.toContain(c.id);
  });
});

describe('risk elimination', () => {
  async function monitoredHousehold(over: Parameters<typeof m.household>[0] = {}, people?: Parameters<typeof m.household>[1]) {
    const hh = await m.household(over, people);
    // Income stably above the 4,500 line for the ten months before the proposal.
    await m.as.county.post(`/api/households/${hh}/incomes`, { periodStart: '2026-01-01', periodEnd: '2026-06-30', wage: 5000 });
    await m.as.county.post(`/api/households/${hh}/incomes`, { periodStart: '2026-07-01', periodEnd: '2026-10-31', wage: 4000 });
    return { hh, c: await include(await openCase(hh)) };
  }
  const propose = (c: Case, on = '2026-11-01') => m.as.cadre.post(`/api/monitoring/cases/${c.id}/elimination`, { version: c.version, proposedOn: on });

  it('passes the checks and goes through the same chain to eliminated; a new risk opens a new episode', async () => {
    const { hh, c } = await monitoredHousehold();
    const check = await m.as.cadre.get(`/api/monitoring/cases/${c.id}/elimination-check?on=2026-11-01`);
    expect(check.json(), check.body).toMatchObject({ passed: true });
    expect((await m.as.county.post(`/api/monitoring/cases/${c.id}/elimination`, { version: c.version, proposedOn: '2026-11-01' })).statusCode).toBe(403);
    let cur = (await propose(c)).json<Case>();
    expect(cur).toMatchObject({ status: 'eliminating', step: 'appraisal' });
    cur = (await step('cadre', cur, { step: 'appraisal', outcome: 'pass', performedOn: '2026-11-02' })).json<Case>();
    cur = (await step('cadre', cur, { step: 'notice', outcome: 'pass', noticeStart: '2026-11-03', noticeEnd: '2026-11-08' })).json<Case>();
    cur = (await step('township', cur, { step: 'township_review', outcome: 'pass', performedOn: '2026-11-09' })).json<Case>();
    cur = (await step('county', cur, { step: 'county_approval', outcome: 'pass', performedOn: '2026-11-10' })).json<Case>();
    expect(cur).toMatchObject({ status: 'eliminated', eliminatedOn: '2026-11-10' });
    // Still visible, and a new risk is a new episode.
    expect((await m.as.county.get(`/api/monitoring/cases?status=eliminated&pageSize=200`)).json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(c.id);
    const next = await openCase(hh, { identifiedOn: '2026-11-20', openedOn: '2026-11-20' });
    expect(next.id).not.toBe(c.id);
  });

  it('refuses each failed condition, names it, and lets an office override (audited) except for lack of labour', async () => {
    const { c } = await monitoredHousehold({ housingGrade: 'D' });
    const refused = await propose(c);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.checks.filter((x: { ok: boolean }) => !x.ok).map((x: { code: string }) => x.code)).toEqual(['housing']);
    // Too soon after identification, and the income: checked on a date three months after identification.
    const soon = await m.as.cadre.get(`/api/monitoring/cases/${c.id}/elimination-check?on=2026-04-01`);
    expect(soon.json().checks.filter((x: { ok: boolean }) => !x.ok).map((x: { code: string }) => x.code)).toEqual(['income', 'housing', 'time_since_identification']);
    // A village cadre cannot override; the county office can, with a reason.
    expect((await m.as.cadre.post(`/api/monitoring/cases/${c.id}/override`, { version: c.version, reason: '危房已改造待鉴定' })).statusCode).toBe(403);
    const over = await m.as.county.post(`/api/monitoring/cases/${c.id}/override`, { version: c.version, reason: '危房已改造待鉴定' });
    expect(over.statusCode, over.body).toBe(200);
    const after = await propose(over.json<Case>());
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().steps.at(-1)).toMatchObject({ step: 'proposal', overrideReason: '危房已改造待鉴定' });
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'monitoring_case'), eq(auditLog.entityId, String(c.id))));
    expect(trail.some((e) => (e.newValues as { overrideReason?: string } | null)?.overrideReason === '危房已改造待鉴定')).toBe(true);
  });

  it('never eliminates a household without labour; it stays under safety-net tracking', async () => {
    const { c } = await monitoredHousehold({}, [memberInput({ name: '孤老', labourAbility: 'lost' })]);
    const over = (await m.as.county.post(`/api/monitoring/cases/${c.id}/override`, { version: c.version, reason: '试图越过' })).json<Case>();
    const refused = await propose(over);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toMatch(/兜底保障/);
    const now = (await m.as.county.get(`/api/monitoring/cases/${c.id}`)).json();
    expect(now).toMatchObject({ status: 'monitored', safetyNetSince: '2026-11-01' });
  });

  it('a rejected elimination leaves the household monitored', async () => {
    const { c } = await monitoredHousehold();
    let cur = (await propose(c)).json<Case>();
    cur = (await step('cadre', cur, { step: 'appraisal', outcome: 'reject', note: '评议认为收入不稳', performedOn: '2026-11-02' })).json<Case>();
    expect(cur).toMatchObject({ status: 'monitored', step: null });
  });
});

describe('public notice', () => {
  it('names head, village, category and risk only: no ID number, no phone', async () => {
    const hh = await m.household();
    const c = await openCase(hh, { riskTypes: ['illness', 'accident'] });
    const res = await m.as.cadre.get(`/api/monitoring/cases/${c.id}/notice`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const [head] = await t.db.select().from(members).where(eq(members.householdId, hh));
    expect(res.body).toContain(head!.name);
    expect(res.body).toContain('前村');
    expect(res.body).toContain('边缘易致贫户');
    expect(res.body).toContain('因病、因意外事故');
    expect(res.body).not.toContain(head!.idNumber);
    expect(res.body).not.toContain(head!.idNumber.slice(0, 6));
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toMatch(/\d{17}[\dXx]/);

    // The Word version says the same and no more.
    const word = await m.as.cadre.get(`/api/monitoring/cases/${c.id}/notice?format=docx`);
    expect(word.statusCode).toBe(200);
    expect(word.headers['content-type']).toMatch(/wordprocessingml/);
    const zip = await openZip(word.rawPayload, ingestLimits());
    if (!zip.ok) throw new Error('not a docx');
    const text = (await zip.value.readText('word/document.xml')).replace(/<[^>]+>/g, '');
    zip.value.close();
    for (const part of [head!.name, '前村', '边缘易致贫户', '因病、因意外事故', '防止返贫监测对象识别纳入公示']) expect(text).toContain(part);
    expect(text).not.toContain(head!.idNumber);
    expect(text).not.toContain('13912345678');
    expect(text).not.toMatch(/\d{17}[\dXx]/);
  });
});

describe('attachments', () => {
  it('keeps small files with the case and refuses large or unknown ones', async () => {
    const c = await openCase(await m.household());
    const up = (name: string, size: number) =>
      m.as.cadre.send({ method: 'POST', url: `/api/monitoring/cases/${c.id}/attachments?fileName=${encodeURIComponent(name)}`, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(size, 1) });
    const ok = await up('授权书.pdf', 1000);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await up('x.exe', 10)).statusCode).toBe(400);
    expect([413]).toContain((await up('big.pdf', 3 * 1024 * 1024)).statusCode);
    const file = await m.as.county.get(`/api/monitoring/attachments/${ok.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.length).toBe(1000);
    expect((await m.as.shenCounty.get(`/api/monitoring/attachments/${ok.json().id}`)).statusCode).toBe(404);
  });
});
