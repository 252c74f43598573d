import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import { makeHousehold, memberInput, newIdNumber } from '../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { households, members } from '../registry/schema.js';
import { addEnabledRule, setUp, TEST_RULES, type Session } from './test-setup.js';

let env: Awaited<ReturnType<typeof setUp>>;
const hh = {} as Record<'guanD' | 'guanA' | 'shenC' | 'ordinaryD' | 'uninsured', number>;
const uninsuredId = newIdNumber('1960-03-03', 'female');

interface Run {
  id: number;
  status: string;
  failedRules: number;
  progress: { phase: string | null; rulesDone: number; rulesTotal: number };
  evaluateMs: number;
  counts: { violations: number; new: number; stillOpen: number; reopened: number; exempted: number; closed: number };
  perRule: { code: string; violations: number; new: number; ms: number; error: string | null }[];
}
interface Finding {
  id: number;
  ruleCode: string;
  status: string;
  householdId: number;
  memberId: number | null;
  memberName: string | null;
  idNumber: string | null;
  reopenedCount: number;
  evidence: Record<string, unknown>;
  exemptionId: number | null;
}

async function run(as: Session, body: object = {}): Promise<Run> {
  const res = await as.post('/api/rule-runs', body);
  expect(res.statusCode, res.body).toBe(202);
  await env.t.ruleRunner.idle();
  return (await as.get(`/api/rule-runs/${res.json<{ id: number }>().id}`)).json<Run>();
}

async function findings(as: Session, q = ''): Promise<Finding[]> {
  const res = await as.get(`/api/findings?pageSize=200${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Finding[] }>().items;
}

const setGrade = (id: number, grade: string | null) => env.t.db.update(households).set({ housingGrade: grade }).where(eq(households.id, id));

beforeAll(async () => {
  env = await setUp();
  const { t, city, users } = env;
  hh.guanD = await makeHousehold(t.db, users.city.actor, city.guanV1.id, { housingGrade: 'D' });
  hh.guanA = await makeHousehold(t.db, users.city.actor, city.guanV2.id, { housingGrade: 'A' });
  hh.shenC = await makeHousehold(t.db, users.city.actor, city.shenV1.id, { housingGrade: 'C' });
  hh.ordinaryD = await makeHousehold(t.db, users.city.actor, city.shenV2.id, { housingGrade: 'D', type: 'ordinary' });
  hh.uninsured = await makeHousehold(t.db, users.city.actor, city.guanV1.id, { housingGrade: 'B' }, [
    memberInput({ name: '李参保', relation: 'head' }),
    memberInput({ name: '王未保', relation: 'spouse', sex: 'female', idNumber: uninsuredId, medicalInsurance: 'none' } as never),
  ]);
  await addEnabledRule(env.as.city, TEST_RULES.housing);
  await addEnabledRule(env.as.city, TEST_RULES.insurance);
});
afterAll(() => env?.t.close());

describe('runs and stable findings', () => {
  let firstIds: number[] = [];

  it('a run over the city creates one finding per violating record, with progress and per-rule counts', async () => {
    const r = await run(env.as.city);
    expect(r.status).toBe('done');
    expect(r.progress).toEqual({ phase: null, rulesDone: 2, rulesTotal: 2 });
    expect(r.evaluateMs).toBeGreaterThanOrEqual(0);
    expect(r.counts).toMatchObject({ violations: 3, new: 3, stillOpen: 0, closed: 0 });
    expect(r.perRule.map((p) => [p.code, p.violations, p.error])).toEqual([
      ['TST-HOUSE', 2, null],
      ['TST-INS', 1, null],
    ]);
    const list = await findings(env.as.city);
    expect(list.map((f) => f.householdId).sort()).toEqual([hh.guanD, hh.shenC, hh.uninsured].sort());
    const member = list.find((f) => f.ruleCode === 'TST-INS')!;
    expect(member).toMatchObject({ memberName: '王未保', status: 'open' });
    expect(member.idNumber).not.toBe(uninsuredId);
    expect(member.idNumber).toMatch(/^\d{6}\*+/);
    expect(list.find((f) => f.householdId === hh.guanD)!.evidence).toMatchObject({ 'household.housing_grade': 'D' });
    firstIds = list.map((f) => f.id).sort();
  });

  it('a second run on the same data creates nothing new and keeps the ids', async () => {
    const r = await run(env.as.city);
    expect(r.counts).toMatchObject({ violations: 3, new: 0, stillOpen: 3, reopened: 0, closed: 0 });
    expect((await findings(env.as.city)).map((f) => f.id).sort()).toEqual(firstIds);
  });

  it('fixing the data closes the finding; breaking it again reopens the same finding', async () => {
    await setGrade(hh.guanD, 'B');
    const fixed = await run(env.as.city);
    expect(fixed.counts).toMatchObject({ closed: 1, stillOpen: 2, new: 0 });
    const closed = (await findings(env.as.city)).find((f) => f.householdId === hh.guanD)!;
    expect(closed.status).toBe('closed');

    await setGrade(hh.guanD, 'C');
    const broken = await run(env.as.city);
    expect(broken.counts).toMatchObject({ reopened: 1, new: 0, closed: 0 });
    const again = (await findings(env.as.city)).find((f) => f.householdId === hh.guanD)!;
    expect(again).toMatchObject({ id: closed.id, status: 'open', reopenedCount: 1, evidence: { 'household.housing_grade': 'C' } });

    const detail = (await env.as.city.get(`/api/findings/${again.id}`)).json<{ events: { kind: string }[]; runs: { id: number }[] }>();
    expect(detail.events.map((e) => e.kind)).toEqual(['reopened', 'closed', 'opened']);
    // Seen by the 1st, 2nd and 4th run; the 3rd closed it.
    expect(detail.runs).toHaveLength(3);
  });

  it('a run of one county leaves the other county’s findings alone', async () => {
    await setGrade(hh.shenC, 'A');
    const r = await run(env.as.guan);
    expect(r.counts.closed).toBe(0);
    const shen = (await findings(env.as.city)).find((f) => f.householdId === hh.shenC)!;
    expect(shen.status).toBe('open');
    const r2 = await run(env.as.city, { ruleCode: 'TST-HOUSE', areaId: env.city.shen.id });
    expect(r2.counts).toMatchObject({ closed: 1, violations: 0 });
    expect((await findings(env.as.city)).find((f) => f.householdId === hh.shenC)!.status).toBe('closed');
  });

  it('a county user may not run the city, nor another county', async () => {
    expect((await env.as.guan.post('/api/rule-runs', { areaId: env.city.city.id })).statusCode).toBe(404);
    expect((await env.as.guan.post('/api/rule-runs', { areaId: env.city.shen.id })).statusCode).toBe(404);
    expect((await env.as.cadre.post('/api/rule-runs', {})).statusCode).toBe(403);
    const runs = (await env.as.guan.get('/api/rule-runs')).json<{ items: { area: { name: string } }[]; total: number }>();
    expect(runs.total).toBe(1);
    expect(runs.items.map((r) => r.area.name)).toEqual(['冠县']);
    expect((await env.as.city.get('/api/rule-runs')).json<{ total: number }>().total).toBe(6);
    expect((await env.as.housing.get('/api/rule-runs')).statusCode).toBe(403);
    // The runs list exports with the same scope: 冠县 sees its one run.
    const file = await env.as.guan.get('/api/rule-runs/export?format=csv');
    expect(file.statusCode, file.body).toBe(200);
    expect(file.body).toContain('规则运行记录');
    const lines = file.body.split('\n').filter((l) => /^\d+,/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('冠县');
    expect((await env.as.housing.get('/api/rule-runs/export?format=csv')).statusCode).toBe(403);
  });

  it('a rule whose SQL fails is recorded and rolled back alone; the other rules of its subject still run', async () => {
    await addEnabledRule(env.as.city, { ...TEST_RULES.housing, code: 'TST-LAND', condition: 'household.land_grass > 1000' });
    // A column the rule reads goes missing under it (a half-applied upgrade, say): only that rule can fail.
    await env.t.db.execute(sql`ALTER TABLE households RENAME COLUMN land_grass TO land_grass_gone`);
    try {
      const r = await run(env.as.city);
      expect(r.status).toBe('done');
      expect(r.failedRules).toBe(1);
      const land = r.perRule.find((p) => p.code === 'TST-LAND')!;
      expect(land.error).toContain('land_grass');
      expect(r.perRule.find((p) => p.code === 'TST-HOUSE')).toMatchObject({ error: null, violations: 1 });
    } finally {
      await env.t.db.execute(sql`ALTER TABLE households RENAME COLUMN land_grass_gone TO land_grass`);
      await env.as.city.post('/api/rules/TST-LAND/disable');
    }
  });

  it('a disabled rule is refused by name and skipped by a full run; its findings stay as they were', async () => {
    await env.as.city.post('/api/rules/TST-INS/disable');
    expect((await env.as.city.post('/api/rule-runs', { ruleCode: 'TST-INS' })).statusCode).toBe(409);
    const r = await run(env.as.city);
    expect(r.progress.rulesTotal).toBe(1);
    expect((await findings(env.as.city, '&ruleCode=TST-INS')).map((f) => f.status)).toEqual(['open']);
    await env.as.city.post('/api/rules/TST-INS/enable');
  });
});

describe('exemptions', () => {
  let exemptionId: number;
  let findingId: number;

  it('an exemption marks the open finding exempted at once, and runs keep it exempted', async () => {
    const f = (await findings(env.as.city, '&ruleCode=TST-HOUSE&status=open')).find((x) => x.householdId === hh.guanD)!;
    findingId = f.id;
    expect((await env.as.cadre.post('/api/rules/TST-HOUSE/exemptions', { householdId: hh.guanD, reason: 'x' })).statusCode).toBe(403);
    const res = await env.as.guan.post('/api/rules/TST-HOUSE/exemptions', { householdId: hh.guanD, reason: '已在外村有安全住房，待补录' });
    expect(res.statusCode, res.body).toBe(201);
    exemptionId = res.json<{ id: number }>().id;
    expect(res.json()).toMatchObject({ status: 'active', approvedBy: 'rules_guan', memberId: null });
    expect((await env.as.city.get(`/api/findings/${findingId}`)).json()).toMatchObject({ status: 'exempted', exemptionId, exemption: { reason: '已在外村有安全住房，待补录' } });
    const dup = await env.as.guan.post('/api/rules/TST-HOUSE/exemptions', { householdId: hh.guanD, reason: '再来一次' });
    expect(dup.statusCode).toBe(409);

    const r = await run(env.as.city);
    expect(r.counts.exempted).toBe(1);
    expect((await env.as.city.get(`/api/findings/${findingId}`)).json()).toMatchObject({ status: 'exempted' });
    const list = (await env.as.guan.get('/api/exemptions')).json<{ items: { id: number }[]; total: number }>();
    expect(list.items.map((e) => e.id)).toEqual([exemptionId]);
    expect((await env.as.shen.get('/api/exemptions')).json<{ total: number }>().total).toBe(0);
  });

  it('a member rule refuses a member of another household, and a household rule any member', async () => {
    const [other] = await env.t.db.select().from(members).where(eq(members.householdId, hh.guanA));
    const res = await env.as.city.post('/api/rules/TST-INS/exemptions', { householdId: hh.uninsured, memberId: other!.id, reason: 'x' });
    expect(res.statusCode).toBe(400);
    const onHousehold = await env.as.city.post('/api/rules/TST-HOUSE/exemptions', { householdId: hh.guanA, memberId: other!.id, reason: 'x' });
    expect(onHousehold.statusCode).toBe(400);
  });

  it('revoking re-evaluates the record at once: still violated, so open again', async () => {
    expect((await env.as.shen.post(`/api/exemptions/${exemptionId}/revoke`, { reason: 'x' })).statusCode).toBe(404);
    const res = await env.as.guan.post(`/api/exemptions/${exemptionId}/revoke`, { reason: '核实无其他住房' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', revokedBy: 'rules_guan', revokeReason: '核实无其他住房' });
    expect((await env.as.city.get(`/api/findings/${findingId}`)).json()).toMatchObject({ status: 'open', exemptionId: null });
    expect((await env.as.guan.post(`/api/exemptions/${exemptionId}/revoke`, { reason: 'again' })).statusCode).toBe(409);
    const trail = await env.t.db.select().from(auditLog).where(eq(auditLog.entity, 'rule_exemption'));
    expect(trail.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('revoking after the data was fixed closes the finding', async () => {
    const ex = await env.as.guan.post('/api/rules/TST-HOUSE/exemptions', { householdId: hh.guanD, reason: '暂缓' });
    await setGrade(hh.guanD, 'A');
    await env.as.guan.post(`/api/exemptions/${ex.json<{ id: number }>().id}/revoke`, { reason: '已改造' });
    expect((await env.as.city.get(`/api/findings/${findingId}`)).json()).toMatchObject({ status: 'closed' });
    await setGrade(hh.guanD, 'D');
    await run(env.as.city);
    expect((await env.as.city.get(`/api/findings/${findingId}`)).json()).toMatchObject({ status: 'open', reopenedCount: 2 });
  });
});

describe('who sees which findings', () => {
  it('a department officer sees only their department’s rules, city-wide', async () => {
    const list = await findings(env.as.housing);
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((f) => f.ruleCode))).toEqual(new Set(['TST-HOUSE']));
    const ins = (await findings(env.as.city, '&ruleCode=TST-INS'))[0]!;
    expect((await env.as.housing.get(`/api/findings/${ins.id}`)).statusCode).toBe(404);
    const summary = (await env.as.housing.get('/api/findings/summary')).json<{ byRule: { ruleCode: string }[] }>();
    expect(summary.byRule.map((r) => r.ruleCode)).toEqual(['TST-HOUSE']);
  });

  it('a county sees its own findings only, and the summary counts per child area', async () => {
    const shenList = await findings(env.as.shen);
    expect(shenList.every((f) => f.householdId === hh.shenC)).toBe(true);
    const guanFinding = (await findings(env.as.guan))[0]!;
    expect((await env.as.shen.get(`/api/findings/${guanFinding.id}`)).statusCode).toBe(404);
    expect((await env.as.shen.get(`/api/households/${guanFinding.householdId}/findings`)).statusCode).toBe(404);
    const openOf = async (as: Session) => (await as.get('/api/rules?q=TST-HOUSE')).json<{ items: { openFindings: number }[] }>().items[0]!.openFindings;
    expect([await openOf(env.as.guan), await openOf(env.as.shen), await openOf(env.as.city)]).toEqual([1, 0, 1]);
    const summary = (await env.as.city.get('/api/findings/summary')).json<{
      totals: { open: number; closed: number };
      byArea: { name: string; open: number; closed: number }[];
    }>();
    expect(summary.byArea.map((a) => [a.name, a.open, a.closed])).toEqual([
      ['莘县', 0, 1],
      ['冠县', 2, 0],
    ]);
    expect(summary.totals).toMatchObject({ open: 2, closed: 1 });
  });

  it('a household’s findings, and viewing them is audited', async () => {
    const res = await env.as.guan.get(`/api/households/${hh.uninsured}/findings`);
    expect(res.json<{ items: Finding[] }>().items.map((f) => f.ruleCode)).toEqual(['TST-INS']);
    const [entry] = await query<{ n: number }>(
      env.t.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'finding' AND action = 'view' AND household_id = ${hh.uninsured}`,
    );
    expect(entry!.n).toBe(1);
  });

  it('the export masks ID numbers unless a user with the right asks', async () => {
    const masked = await env.as.city.get('/api/findings/export?format=csv&ruleCode=TST-INS&reveal=true');
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('王未保');
    expect(masked.body).toContain('身份证号已脱敏');
    expect(masked.body).not.toContain(uninsuredId);
    expect(masked.body).toContain('规则编号');
    // 莘县 may reveal but sees nothing of 冠县; the guan user may not reveal.
    const outside = await env.as.shen.get('/api/findings/export?format=csv&ruleCode=TST-INS&reveal=true');
    expect(outside.body).not.toContain('王未保');
    const xlsx = await env.as.city.get('/api/findings/export?format=xlsx&status=open');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const trail = await env.t.db.select().from(auditLog).where(eq(auditLog.entity, 'finding'));
    expect(trail.filter((a) => a.action === 'export').map((a) => (a.detail as { rows: number }).rows)).toEqual([1, 0, 2]);
  });
});
