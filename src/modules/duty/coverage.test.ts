/** 遍访 coverage on a small known city: exact shares for any cadre and per secretary level, and the unvisited list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { dutyCity } from './test-setup.js';

let t: TestApp;
let d: Awaited<ReturnType<typeof dutyCity>>;
const hh = {} as Record<'h1' | 'h2' | 'h3' | 'h4' | 'ordinary', number>;
const APRIL = 'from=2020-04-01&to=2020-04-30';

type Figures = { visited: number; total: number; share: number | null };
type Coverage = { townships: Figures; keyVillages: Figures; households: Figures; children: { name: string; townships: Figures; keyVillages: Figures; households: Figures }[] };

beforeAll(async () => {
  t = await testApp();
  d = await dutyCity(t);
  const { city, as } = d;
  hh.h1 = await d.household(city.guanV1.id);
  hh.h2 = await d.household(city.guanV1.id);
  hh.ordinary = await d.household(city.guanV1.id, 'ordinary');
  hh.h3 = await d.household(city.guanV2.id, 'monitored');
  hh.h4 = await d.household(city.shenV1.id);
  // 冠县's county secretary, 东古城镇's township secretary, and a helper.
  const countySec = await d.cadre(as.city, { name: '县书记', unit: '冠县县委', areaId: city.guan.id });
  await d.assign(as.city, countySec, { role: 'secretary_county', areaId: city.guan.id, startsOn: '2019-01-01' });
  const townSec = await d.cadre(as.city, { name: '镇书记', areaId: city.guanTown.id });
  await d.assign(as.city, townSec, { role: 'secretary_township', areaId: city.guanTown.id, startsOn: '2019-01-01' });
  const helper = await d.cadre(as.city, { name: '帮扶人', areaId: city.shenV1.id });
  await d.visit(as.city, { cadreId: countySec, householdId: hh.h1, visitedOn: '2020-04-10', method: 'in_person', findings: '生活正常' });
  await d.visit(as.city, { cadreId: countySec, householdId: hh.h2, visitedOn: '2020-03-30', method: 'in_person' });
  await d.visit(as.city, { cadreId: townSec, areaId: city.guanTown.id, visitedOn: '2020-04-05', method: 'in_person' });
  await d.visit(as.city, { cadreId: townSec, householdId: hh.h3, visitedOn: '2020-04-06', method: 'phone' });
  await d.visit(as.city, { cadreId: helper, householdId: hh.h4, visitedOn: '2020-04-02', method: 'in_person' });
});
afterAll(() => t.close());

describe('visit coverage', () => {
  it('counts every cadre’s visits: all townships and key villages, 3 of 4 poor and monitored households', async () => {
    const res = await d.as.city.get(`/api/duty/coverage?${APRIL}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<Coverage>();
    expect(c.townships).toEqual({ visited: 2, total: 2, share: 1 });
    expect(c.keyVillages).toEqual({ visited: 2, total: 2, share: 1 });
    expect(c.households).toEqual({ visited: 3, total: 4, share: 0.75 });
    expect(c.children.map((x) => [x.name, x.households])).toEqual([
      ['莘县', { visited: 1, total: 1, share: 1 }],
      ['冠县', { visited: 2, total: 3, share: 0.6667 }],
    ]);
  });

  it('counts only the county secretaries’ visits for that level, and nothing outside the period', async () => {
    const c = (await d.as.city.get(`/api/duty/coverage?${APRIL}&level=county`)).json<Coverage>();
    expect(c.townships).toEqual({ visited: 1, total: 2, share: 0.5 });
    expect(c.keyVillages).toEqual({ visited: 1, total: 2, share: 0.5 });
    expect(c.households).toEqual({ visited: 1, total: 4, share: 0.25 });
    const township = (await d.as.city.get(`/api/duty/coverage?${APRIL}&level=township`)).json<Coverage>();
    // The township secretary went to the township and phoned a household of the non-key village 后村.
    expect(township.townships.visited).toBe(1);
    expect(township.keyVillages).toEqual({ visited: 0, total: 2, share: 0 });
    expect(township.households.visited).toBe(1);
    const village = (await d.as.city.get(`/api/duty/coverage?${APRIL}&level=village`)).json<Coverage>();
    expect(village.households).toEqual({ visited: 0, total: 4, share: 0 });
  });

  it('lists what was not visited, paginated and exportable, inside the user’s area', async () => {
    const res = await d.as.city.get(`/api/duty/coverage/unvisited?${APRIL}&kind=household`);
    expect(res.json<{ total: number; items: { id: number }[] }>()).toMatchObject({ total: 1, items: [{ id: hh.h2 }] });
    const county = await d.as.city.get(`/api/duty/coverage/unvisited?${APRIL}&kind=household&level=county&pageSize=2`);
    expect(county.json()).toMatchObject({ total: 3, pageSize: 2 });
    expect(county.json<{ items: unknown[] }>().items).toHaveLength(2);
    const file = await d.as.city.get(`/api/duty/coverage/unvisited/export?${APRIL}&kind=key_village&level=township&format=csv`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('371525101001');
    expect(file.body).toContain('371522101001');
    // 冠县's office sees only 冠县.
    const guan = (await d.as.guan.get(`/api/duty/coverage?${APRIL}`)).json<Coverage>();
    expect(guan.households).toEqual({ visited: 2, total: 3, share: 0.6667 });
    expect((await d.as.guan.get(`/api/duty/coverage?${APRIL}&areaId=${d.city.shen.id}`)).statusCode).toBe(404);
  });

  it('takes a photo with a visit (images only, size-limited) and shows it in scope only', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const cadre = await d.cadre(d.as.city, { name: '拍照人', areaId: d.city.guanV1.id });
    const id = await d.visit(d.as.guan, { cadreId: cadre, householdId: hh.h1, visitedOn: '2020-05-02', method: 'in_person', photo: { contentType: 'image/png', base64: png.toString('base64') } });
    const photo = await d.as.cadreV1.get(`/api/duty/visits/${id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(png)).toBe(true);
    expect((await d.as.shenCadre.get(`/api/duty/visits/${id}/photo`)).statusCode).toBe(404);
    const fake = await d.as.guan.post('/api/duty/visits', { cadreId: cadre, householdId: hh.h1, visitedOn: '2020-05-02', method: 'phone', photo: { contentType: 'image/jpeg', base64: Buffer.from('<script>').toString('base64') } });
    expect(fake.statusCode).toBe(400);
    const visits = (await d.as.cadreV1.get(`/api/duty/visits?householdId=${hh.h1}`)).json<{ items: { hasPhoto: boolean }[] }>();
    expect(visits.items[0]).toMatchObject({ hasPhoto: true });
  });

  it('a cadre records their own visit without naming themselves; an unlinked user must name the cadre', async () => {
    expect((await d.as.cadreV2.post('/api/duty/visits', { householdId: hh.h3, visitedOn: '2020-05-03', method: 'phone' })).statusCode).toBe(400);
    await d.cadre(d.as.city, { name: '村干部乙', areaId: d.city.guanV2.id, userId: d.users.cadreV2.user.id });
    await d.visit(d.as.cadreV2, { householdId: hh.h3, visitedOn: '2020-05-03', method: 'phone' });
    // A household of another village is out of reach.
    expect((await d.as.cadreV2.post('/api/duty/visits', { householdId: hh.h1, visitedOn: '2020-05-03', method: 'phone' })).statusCode).toBe(404);
  });
});
