import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../domain/rules/index.js';
import { makeHousehold, memberInput, newIdNumber } from '../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { addEnabledRule, setUp, TEST_RULES } from '../findings/test-setup.js';
import { seedBuiltInRules } from './catalogue.js';
import { ruleVersions, rules } from './schema.js';

let env: Awaited<ReturnType<typeof setUp>>;
const headId = newIdNumber('1955-05-05', 'male');

interface Detail {
  code: string;
  enabled: boolean;
  currentVersion: number;
  condition: string;
  previewedAt: string | null;
  versions: { version: number; note: string; origin: string; createdBy: string | null; previewCount: number | null }[];
}

beforeAll(async () => {
  env = await setUp();
  await makeHousehold(env.t.db, env.users.city.actor, env.city.guanV1.id, { housingGrade: 'D' }, [memberInput({ name: '赵危房', idNumber: headId })]);
  await makeHousehold(env.t.db, env.users.city.actor, env.city.shenV1.id, { housingGrade: 'C' });
  await makeHousehold(env.t.db, env.users.city.actor, env.city.shenV1.id, { housingGrade: 'A' });
});
afterAll(() => env?.t.close());

describe('the rule catalogue', () => {
  it('a new rule starts switched off at version 1; only rules.manage may create one', async () => {
    expect((await env.as.guan.post('/api/rules', TEST_RULES.housing)).statusCode).toBe(403);
    const res = await env.as.city.post('/api/rules', TEST_RULES.housing);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Detail>()).toMatchObject({ code: 'TST-HOUSE', enabled: false, currentVersion: 1, versions: [{ version: 1, origin: 'user', createdBy: 'rules_city' }] });
    expect((await env.as.city.post('/api/rules', TEST_RULES.housing)).statusCode).toBe(409);
    expect((await env.as.city.post('/api/rules', { ...TEST_RULES.housing, code: 'bad code' })).statusCode).toBe(400);
  });

  it('an invalid text is refused with the checker’s errors and where they are', async () => {
    const condition = "household.housing_grade in ('C', 'D') and household.no_such_field = 1";
    const res = await env.as.city.post('/api/rules', { ...TEST_RULES.housing, code: 'TST-BAD', condition });
    expect(res.statusCode).toBe(400);
    const errors = res.json<{ error: { details: { ruleErrors: { code: string; part: string; span: { start: number; end: number }; messageZh: string }[] } } }>().error.details.ruleErrors;
    expect(errors[0]).toMatchObject({ code: 'unknown_field', part: 'condition' });
    expect(condition.slice(errors[0]!.span.start, errors[0]!.span.end)).toBe('household.no_such_field');
    const edit = await env.as.city.send({ method: 'PUT', url: '/api/rules/TST-HOUSE', payload: { ...TEST_RULES.housing, condition: 'household.housing_grade in (', baseVersion: 1 } });
    expect(edit.statusCode).toBe(400);
    expect(edit.json<{ error: { details: { ruleErrors: { code: string }[] } } }>().error.details.ruleErrors[0]!.code).toBe('syntax');
    const check = await env.as.cadre.post('/api/rules/check', { subject: 'member', condition: 'member.age > 200 and' });
    expect(check.json()).toMatchObject({ ok: false, errors: [{ code: 'syntax' }] });
    expect((await env.as.cadre.post('/api/rules/check', { subject: 'member', condition: 'member.age > 200' })).json()).toEqual({ ok: true });
  });

  it('cannot be switched on before its current version is previewed', async () => {
    const res = await env.as.city.post('/api/rules/TST-HOUSE/enable');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('INVALID_STATE');
  });

  it('a preview gives the count and a sample with masked IDs, and is recorded on the version', async () => {
    const res = await env.as.city.post('/api/rules/TST-HOUSE/preview', {});
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ ok: boolean; count: number; referenceDate: string; sample: { householdNo: string; villageName: string; evidence: object }[] }>();
    expect(body).toMatchObject({ ok: true, count: 2, referenceDate: '2020-09-01' });
    expect(body.sample.map((s) => s.villageName).sort()).toEqual(['东村', '前村']);
    expect(body.sample[0]!.evidence).toHaveProperty(['household.housing_grade']);
    const county = await env.as.guan.post('/api/rules/preview', { subject: 'member', condition: "member.name = '赵危房'" });
    const countyBody = county.json<{ count: number; sample: { memberName: string; idNumber: string }[] }>();
    expect(countyBody.count).toBe(1);
    expect(countyBody.sample[0]).toMatchObject({ memberName: '赵危房' });
    expect(countyBody.sample[0]!.idNumber).not.toBe(headId);
    expect(countyBody.sample[0]!.idNumber.slice(0, 6)).toBe(headId.slice(0, 6));
    // Scope: 冠县 sees only its own violation of the housing rule.
    expect((await env.as.guan.post('/api/rules/preview', { subject: 'household', condition: "household.housing_grade in ('C', 'D')" })).json()).toMatchObject({ count: 1 });
    expect((await env.as.guan.post('/api/rules/preview', { subject: 'household', condition: 'household.size >', areaId: env.city.guan.id })).json()).toMatchObject({ ok: false });
    expect((await env.as.guan.post('/api/rules/preview', { subject: 'household', condition: 'true', areaId: env.city.shen.id })).statusCode).toBe(404);
    expect((await env.as.cadre.post('/api/rules/preview', { subject: 'household', condition: 'true' })).statusCode).toBe(403);
    const detail = (await env.as.city.get('/api/rules/TST-HOUSE')).json<Detail>();
    expect(detail.previewedAt).not.toBeNull();
    expect(detail.versions[0]!.previewCount).toBe(2);
    expect((await env.as.city.post('/api/rules/TST-HOUSE/enable')).json()).toMatchObject({ enabled: true });
  });

  it('an edit is a new version; editing an enabled rule switches it off; a stale edit is refused', async () => {
    const edit = { ...TEST_RULES.housing, condition: "household.housing_grade = 'D'", note: '只查D级', baseVersion: 1 };
    const res = await env.as.city.send({ method: 'PUT', url: '/api/rules/TST-HOUSE', payload: edit });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Detail>();
    expect(body).toMatchObject({ currentVersion: 2, enabled: false, condition: "household.housing_grade = 'D'", previewedAt: null });
    expect(body.versions.map((v) => [v.version, v.note])).toEqual([
      [2, '只查D级'],
      [1, '测试规则'],
    ]);
    expect((await env.as.city.send({ method: 'PUT', url: '/api/rules/TST-HOUSE', payload: edit })).statusCode).toBe(409);
    const [v1] = await env.t.db.select().from(ruleVersions).where(and(eq(ruleVersions.ruleCode, 'TST-HOUSE'), eq(ruleVersions.version, 1)));
    expect(v1!.condition).toBe(TEST_RULES.housing.condition);
    const trail = await env.t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'rule'), eq(auditLog.entityId, 'TST-HOUSE')));
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(trail[2]!.newValues).toMatchObject({ condition: "household.housing_grade = 'D'", enabled: false });
  });

  it('lists and exports the catalogue with filters', async () => {
    await addEnabledRule(env.as.city, TEST_RULES.insurance);
    const list = (await env.as.cadre.get('/api/rules?department=medical_insurance')).json<{ items: { code: string }[]; total: number }>();
    expect(list).toMatchObject({ total: 1, items: [{ code: 'TST-INS' }] });
    expect((await env.as.cadre.get('/api/rules?q=危房')).json<{ total: number }>().total).toBe(1);
    const file = await env.as.cadre.get('/api/rules/export?format=csv');
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('核查规则目录');
    expect(file.body).toContain('TST-INS');
    const language = (await env.as.cadre.get('/api/rules/fields')).json<{ fields: { path: string; codes: unknown[] | null }[]; standards: { key: string }[] }>();
    expect(language.fields.find((f) => f.path === 'household.housing_grade')!.codes).toHaveLength(4);
    expect(language.standards.map((s) => s.key)).toContain('monitoring_line');
  });
});

describe('the reference date', () => {
  it('is read by everyone, set by the city, and audited', async () => {
    expect((await env.as.cadre.get('/api/settings/reference-date')).json()).toMatchObject({ referenceDate: '2020-09-01', source: 'setting' });
    expect((await env.as.guan.send({ method: 'PUT', url: '/api/settings/reference-date', payload: { referenceDate: '2021-09-01' } })).statusCode).toBe(403);
    const res = await env.as.city.send({ method: 'PUT', url: '/api/settings/reference-date', payload: { referenceDate: '2021-09-01' } });
    expect(res.json()).toMatchObject({ referenceDate: '2021-09-01', updatedBy: 'rules_city' });
    expect((await env.as.city.send({ method: 'PUT', url: '/api/settings/reference-date', payload: { referenceDate: '2021-02-30' } })).statusCode).toBe(400);
    const trail = await env.t.db.select().from(auditLog).where(eq(auditLog.entity, 'setting'));
    expect(trail.map((a) => [a.action, a.newValues])).toEqual([
      ['create', { value: '2020-09-01' }],
      ['update', { value: '2021-09-01' }],
    ]);
  });
});

describe('the built-in catalogue', () => {
  it('is seeded once, switched on; a changed built-in gets a new version unless a user edited it', async () => {
    const first = await seedBuiltInRules(env.t.db);
    expect(first.added).toBe(BUILT_IN_RULES.length);
    expect(BUILT_IN_RULES.length).toBeGreaterThanOrEqual(60);
    expect(await seedBuiltInRules(env.t.db)).toEqual({ added: 0, updated: 0, keptUserEdits: 0 });
    // The catalogue filtered by the shape of check (DOMAIN §8).
    const crossHousehold = (await env.as.cadre.get('/api/rules?shape=cross_household')).json<{ items: { code: string; shape: string }[]; total: number }>();
    expect(crossHousehold.items.map((r) => r.code)).toEqual(BUILT_IN_RULES.filter((r) => r.shape === 'cross_household').map((r) => r.code));
    expect((await env.as.cadre.get('/api/rules?shape=no_such_shape')).statusCode).toBe(400);
    const [a, b] = BUILT_IN_RULES;
    const [stored] = await env.t.db.select().from(rules).where(eq(rules.code, a!.code));
    expect(stored).toMatchObject({ enabled: true, builtIn: true, currentVersion: 1 });

    await env.as.city.send({ method: 'PUT', url: `/api/rules/${b!.code}`, payload: { ...b!, note: '本市口径', titleZh: `${b!.titleZh}（本市）`, baseVersion: 1 } });
    const release = BUILT_IN_RULES.map((r) => (r === a || r === b ? { ...r, explanationZh: `${r.explanationZh}（新版说明）` } : r));
    expect(await seedBuiltInRules(env.t.db, release)).toEqual({ added: 0, updated: 1, keptUserEdits: 1 });
    const ruleA = (await env.as.city.get(`/api/rules/${a!.code}`)).json<Detail & { explanationZh: string }>();
    expect(ruleA).toMatchObject({ currentVersion: 2, enabled: true, explanationZh: `${a!.explanationZh}（新版说明）` });
    expect(ruleA.versions.map((v) => v.origin)).toEqual(['built_in', 'built_in']);
    const ruleB = (await env.as.city.get(`/api/rules/${b!.code}`)).json<Detail & { titleZh: string }>();
    expect(ruleB).toMatchObject({ currentVersion: 2, titleZh: `${b!.titleZh}（本市）` });
  });
});
