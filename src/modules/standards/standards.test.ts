import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeUser } from '../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { seedDemoStandards } from './service.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
let cityUser: Awaited<ReturnType<typeof signIn>>;
let county: Awaited<ReturnType<typeof signIn>>;

type Effective = { items: { key: string; value: number | null; source: { areaName: string; effectiveFrom: string; effectiveTo: string | null } | null }[] };
const valueOf = (body: Effective, key: string) => body.items.find((i) => i.key === key)!;

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  await seedDemoStandards(t.db, city.city);
  await makeUser(t.db, 'city_office', city.city.id, { username: 'cityoffice' });
  await makeUser(t.db, 'county_office', city.guan.id, { username: 'guanoffice' });
  cityUser = await signIn(t.app, 'cityoffice');
  county = await signIn(t.app, 'guanoffice');
});
afterAll(async () => t?.close());

describe('standards per region and period', () => {
  it('gives the demo city’s 2020 values to a county, from the city', async () => {
    const res = await county.get('/api/standards?on=2020-06-30');
    expect(res.statusCode).toBe(200);
    const body = res.json<Effective>();
    expect(valueOf(body, 'income_exit_standard')).toMatchObject({ value: 4500, source: { areaName: '聊城市', effectiveFrom: '2020-01-01' } });
    expect(valueOf(body, 'water_quantity_lpd').value).toBe(35);
    expect(valueOf(body, 'dibao_standard').value).toBe(5160);
    expect(valueOf(body, 'income_exit_standard')).toMatchObject({ value: 4500 });
    expect((await county.get('/api/standards?on=2019-06-30')).json<Effective>().items.every((i) => i.value === null)).toBe(true);
  });

  it('a new value applies from its date on; the old one ends the day before; both are audited', async () => {
    const res = await cityUser.post('/api/standards', { key: 'income_exit_standard', areaId: city.city.id, value: 4600, effectiveFrom: '2021-01-01', note: '2021年标准' });
    expect(res.statusCode, res.body).toBe(201);
    expect(valueOf((await county.get('/api/standards?on=2020-12-31')).json<Effective>(), 'income_exit_standard').value).toBe(4500);
    expect(valueOf((await county.get('/api/standards?on=2021-01-01')).json<Effective>(), 'income_exit_standard').value).toBe(4600);
    const history = (await county.get('/api/standards/history?key=income_exit_standard')).json<{ items: { value: number; effectiveTo: string | null }[] }>();
    expect(history.items.map((h) => [h.value, h.effectiveTo])).toEqual([
      [4600, null],
      [4500, '2020-12-31'],
    ]);
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'standard')));
    expect(trail.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('a county value overrides the city’s for that county only', async () => {
    const res = await cityUser.post('/api/standards', { key: 'water_guarantee_rate_min', areaId: city.guan.id, value: 95, effectiveFrom: '2020-01-01', note: '冠县执行95%' });
    expect(res.statusCode, res.body).toBe(201);
    expect(valueOf((await county.get(`/api/standards?areaId=${city.guanV1.id}&on=2020-06-01`)).json<Effective>(), 'water_guarantee_rate_min')).toMatchObject({ value: 95, source: { areaName: '冠县' } });
    expect(valueOf((await cityUser.get(`/api/standards?areaId=${city.shenV1.id}&on=2020-06-01`)).json<Effective>(), 'water_guarantee_rate_min').value).toBe(90);
  });

  it('refuses a value out of range, a reversed period, and a period inside an existing one', async () => {
    const bad = await cityUser.post('/api/standards', { key: 'school_age_min', areaId: city.city.id, value: 6.5, effectiveFrom: '2022-01-01', note: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { messageZh: string } }>().error.messageZh).toContain('整数');
    const reversed = await cityUser.post('/api/standards', { key: 'dibao_standard', areaId: city.city.id, value: 5300, effectiveFrom: '2022-01-01', effectiveTo: '2021-01-01', note: 'x' });
    expect(reversed.statusCode).toBe(400);
    const earlier = await cityUser.post('/api/standards', { key: 'income_exit_standard', areaId: city.city.id, value: 4550, effectiveFrom: '2020-06-01', note: 'x' });
    expect(earlier.statusCode).toBe(409);
  });

  it('only the city role sets standards; a county sees nothing of another county', async () => {
    const res = await county.post('/api/standards', { key: 'dibao_standard', areaId: city.guan.id, value: 5300, effectiveFrom: '2022-01-01', note: 'x' });
    expect(res.statusCode).toBe(403);
    expect((await county.get(`/api/standards?areaId=${city.shenV1.id}`)).statusCode).toBe(404);
  });
});
