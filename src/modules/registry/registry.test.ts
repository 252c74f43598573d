import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCity, makeUser, memberInput, newIdNumber } from '../../test/factories.js';
import { signIn, testApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
let cadre: Awaited<ReturnType<typeof signIn>>;
let office: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  await makeUser(t.db, 'county_office', city.guan.id, { username: 'guan', canRevealIds: true });
  await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'cadre' });
  office = await signIn(t.app, 'guan');
  cadre = await signIn(t.app, 'cadre');
});
afterAll(() => t.close());

async function create(body: Record<string, unknown> = {}) {
  const res = await cadre.post('/api/households', {
    householdNo: `371525101001${Math.floor(Math.random() * 1e8)}`,
    areaId: city.guanV1.id,
    type: 'lifted',
    povertyAttribute: 'dibao',
    mainCause: 'illness',
    registeredOn: '2015-04-01',
    members: [
      memberInput({ name: '李建国', idNumber: newIdNumber('1958-03-02', 'male') }),
      memberInput({ name: '王秀英', relation: 'spouse', idNumber: newIdNumber('1960-07-15', 'female') }),
    ],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; members: { id: number; idNumber: string; version: number; sex: string }[] };
}

describe('households', () => {
  it('creates a household whose members get sex and birth date from their ID numbers, masked on the way out', async () => {
    const h = await create();
    expect(h.members).toHaveLength(2);
    expect(h.members[1]!.sex).toBe('female');
    expect(h.members[0]!.idNumber).toMatch(/^371525\*{8}\d{3}[\dX]$/);
  });

  it('refuses an invalid ID number with the field and the reason', async () => {
    const bad = newIdNumber().slice(0, 17) + 'Y';
    const res = await cadre.post('/api/households', {
      householdNo: 'X-1',
      areaId: city.guanV1.id,
      type: 'lifted',
      povertyAttribute: 'general',
      members: [memberInput({ idNumber: bad })],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('members.0.idNumber');
  });

  it('refuses a sex that disagrees with the ID number', async () => {
    const res = await cadre.post('/api/households', {
      householdNo: 'X-2',
      areaId: city.guanV1.id,
      type: 'lifted',
      povertyAttribute: 'general',
      members: [memberInput({ idNumber: newIdNumber('1980-01-01', 'male'), sex: 'female' })],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('members.0.sex');
  });

  it('detects a concurrent edit instead of overwriting it', async () => {
    const h = await create();
    const first = await cadre.patch(`/api/households/${h.id}`, { version: h.version, housingGrade: 'B' });
    expect(first.statusCode).toBe(200);
    const stale = await office.patch(`/api/households/${h.id}`, { version: h.version, housingGrade: 'C' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.details.current.housingGrade).toBe('B');
  });

  it('records each change field by field in the history and the audit trail', async () => {
    const h = await create();
    await cadre.patch(`/api/households/${h.id}`, { version: h.version, housingGrade: 'C', waterQuantityLpd: 30 });
    const history = (await cadre.get(`/api/households/${h.id}/history`)).json() as {
      action: string;
      changes: { field: string; old: unknown; new: unknown }[];
    }[];
    const update = history.find((e) => e.action === 'update')!;
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'housingGrade', old: null, new: 'C' },
        { field: 'waterQuantityLpd', old: null, new: '30.0' },
      ]),
    );
    const audit = await office.get(`/api/audit?entity=household&entityId=${h.id}&action=update`);
    expect(audit.json().total).toBe(1);
  });

  it('ends a member through a dated event and keeps the row', async () => {
    const h = await create();
    const spouse = h.members[1]!;
    const res = await cadre.post(`/api/members/${spouse.id}/end`, { version: spouse.version, kind: 'death', occurredOn: '2020-02-03' });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await cadre.get(`/api/households/${h.id}`)).json();
    expect(detail.members).toHaveLength(2);
    expect(detail.members.find((m: { id: number }) => m.id === spouse.id).endReason).toBe('death');
    expect(detail.events.some((e: { kind: string }) => e.kind === 'death')).toBe(true);
  });

  it('derives per-capita net income from the components and the members on the period end', async () => {
    const h = await create();
    const res = await cadre.post(`/api/households/${h.id}/incomes`, {
      periodStart: '2019-01-01',
      periodEnd: '2019-12-31',
      wage: 12_000,
      business: 3_000,
      property: 200,
      transfer: 2_400,
      productionCost: 1_600,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ netIncome: 16_000, householdSize: 2, perCapitaNetIncome: 8_000 });
    // A child born in 2020 does not change 2019's figure, and the list shows the latest period.
    await cadre.post(`/api/households/${h.id}/members`, {
      member: memberInput({ name: '李小宝', relation: 'grandchild', idNumber: newIdNumber('2020-03-01', 'male') }),
      event: { kind: 'birth', occurredOn: '2020-03-01' },
    });
    const detail = (await cadre.get(`/api/households/${h.id}`)).json();
    expect(detail.incomes[0].perCapitaNetIncome).toBe(8_000);
  });

  it('finds a household by full ID number, by its first digits, and by name prefix', async () => {
    const id = newIdNumber('1966-06-06', 'male');
    const h = await create({ members: [memberInput({ name: '欧阳明', idNumber: id })] });
    for (const q of [id, id.slice(0, 14), '欧阳']) {
      const res = await cadre.get(`/api/households?q=${encodeURIComponent(q)}`);
      expect(res.json().items.map((r: { id: number }) => r.id), q).toContain(h.id);
    }
  });

  it('reveals a full ID number only to a user with the right, and audits it', async () => {
    const h = await create();
    const member = h.members[0]!;
    expect((await cadre.post(`/api/members/${member.id}/reveal-id`)).statusCode).toBe(403);
    const ok = await office.post(`/api/members/${member.id}/reveal-id`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().idNumber).toHaveLength(18);
    const audit = await office.get(`/api/audit?action=reveal_id&entityId=${member.id}`);
    expect(audit.json().total).toBe(1);
  });

  it('exports the filtered list as csv with masked IDs and records the export', async () => {
    await create();
    const res = await cadre.get(`/api/households/export?format=csv&areaId=${city.guanV1.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain('户主身份证号');
    expect(res.body).toMatch(/,371525\*{8}\d{3}[\dX],/);
    expect(res.body).not.toMatch(/,371525\d{11}[\dX],/);
    const audit = await office.get('/api/audit?action=export');
    expect(audit.json().total).toBeGreaterThan(0);
  });
});
