/** Duty warnings: missing 帮扶责任人, fewer than three resident cadres in a provincial key village, replacement in a lock period. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { dutyCity } from './test-setup.js';

let t: TestApp;
let d: Awaited<ReturnType<typeof dutyCity>>;
beforeAll(async () => {
  t = await testApp();
  d = await dutyCity(t);
});
afterAll(() => t.close());

type Page<T> = { total: number; items: T[] };
type W = { householdId: number | null; villageName: string; residents: number | null; assignmentId: number | null; cadreName: string | null };
const TODAY = '2020-07-01';

describe('duty warnings', () => {
  it('flags poor and monitored households without a current helper, until one is assigned; ended helpers do not count', async () => {
    const lifted = await d.household(d.city.guanV2.id);
    const monitored = await d.household(d.city.guanV2.id, 'monitored');
    const ordinary = await d.household(d.city.guanV2.id, 'ordinary');
    const list = async () => (await d.as.guan.get(`/api/duty/warnings?kind=missing_helper&on=${TODAY}&areaId=${d.city.guanV2.id}&pageSize=200`)).json<Page<W>>();
    expect((await list()).items.map((w) => w.householdId).sort()).toEqual([lifted, monitored].sort());
    const helper = await d.cadre(d.as.township, { name: '王帮扶', unit: '县财政局', phone: '13800001111', areaId: d.city.guanTown.id });
    await d.assign(d.as.township, helper, { role: 'helper', householdId: lifted, startsOn: '2020-01-01' });
    const old = await d.assign(d.as.township, helper, { role: 'helper', householdId: monitored, startsOn: '2019-01-01' });
    expect((await d.as.township.post(`/api/duty/assignments/${old.id}/end`, { version: old.version, endsOn: '2020-03-31', reason: '调离' })).statusCode).toBe(200);
    expect((await list()).items.map((w) => w.householdId)).toEqual([monitored]);
    // The ordinary household is never flagged; the helper's history stays on the cadre.
    expect((await list()).items.map((w) => w.householdId)).not.toContain(ordinary);
    const detail = (await d.as.township.get(`/api/duty/cadres/${helper}`)).json<{ assignments: { householdId: number; endsOn: string | null }[] }>();
    expect(detail.assignments.map((a) => [a.householdId, a.endsOn])).toEqual([
      [lifted, null],
      [monitored, '2020-03-31'],
    ]);
    const summary = (await d.as.city.get(`/api/duty/warnings/summary?on=${TODAY}`)).json<{ totals: Record<string, number>; children: { name: string; missing_helper: number }[] }>();
    expect(summary.children.find((c) => c.name === '冠县')!.missing_helper).toBeGreaterThanOrEqual(1);
    const csv = await d.as.guan.get(`/api/duty/warnings/export?kind=missing_helper&on=${TODAY}&areaId=${d.city.guanV2.id}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('未落实帮扶责任人的农户');
  });

  it('flags a provincial key village with fewer than three resident cadres', async () => {
    const key = () => d.as.guan.get(`/api/duty/warnings?kind=few_resident_cadres&on=${TODAY}`).then((r) => r.json<Page<W>>());
    expect((await key()).items).toEqual([expect.objectContaining({ villageName: '前村', residents: 0 })]);
    for (const [i, role] of (['first_secretary', 'work_team', 'work_team'] as const).entries()) {
      const c = await d.cadre(d.as.guan, { name: `驻村${i}`, unit: '市直单位', areaId: d.city.guanV1.id });
      await d.assign(d.as.guan, c, { role, areaId: d.city.guanV1.id, startsOn: '2020-01-01' });
      expect((await key()).total).toBe(i < 2 ? 1 : 0);
    }
    // A resident is assigned to a village, not a township.
    const c = await d.cadre(d.as.guan, { name: '错位', areaId: d.city.guanV1.id });
    expect((await d.as.guan.post(`/api/duty/cadres/${c}/assignments`, { role: 'work_team', areaId: d.city.guanTown.id, startsOn: '2020-01-01' })).statusCode).toBe(400);
    // Before the residents came (2019) 前村 was flagged; a cadre of 莘县 never sees it.
    expect((await d.as.guan.get('/api/duty/warnings?kind=few_resident_cadres&on=2019-06-01')).json<Page<W>>().total).toBe(1);
    expect((await d.as.shenCadre.get('/api/duty/warnings?kind=few_resident_cadres&on=2019-06-01')).json<Page<W>>().total).toBe(0);
  });

  it('flags a resident cadre who left inside the lock period, until the county office approves', async () => {
    const lock = await d.as.city.post('/api/duty/lock-periods', { areaId: d.city.city.id, startsOn: '2020-01-01', endsOn: '2020-12-31', note: '2020年驻村干部保持稳定' });
    expect(lock.statusCode, lock.body).toBe(201);
    const sec = await d.cadre(d.as.guan, { name: '李书记', areaId: d.city.guanV2.id });
    const a = await d.assign(d.as.guan, sec, { role: 'first_secretary', areaId: d.city.guanV2.id, startsOn: '2019-06-01' });
    const before = await d.assign(d.as.guan, await d.cadre(d.as.guan, { name: '赵队员', areaId: d.city.guanV2.id }), { role: 'work_team', areaId: d.city.guanV2.id, startsOn: '2018-01-01' });
    await d.as.guan.post(`/api/duty/assignments/${before.id}/end`, { version: 1, endsOn: '2019-12-31', reason: '期满轮换' });
    const ended = await d.as.guan.post(`/api/duty/assignments/${a.id}/end`, { version: 1, endsOn: '2020-06-30', reason: '调回原单位' });
    expect(ended.statusCode, ended.body).toBe(200);
    const flagged = async () => (await d.as.guan.get('/api/duty/warnings?kind=unapproved_replacement')).json<Page<W>>();
    expect((await flagged()).items).toEqual([expect.objectContaining({ assignmentId: a.id, cadreName: '李书记' })]);
    // A township may not approve; the county office does, with a note, once.
    expect((await d.as.township.post(`/api/duty/assignments/${a.id}/approve`, { version: 2, note: '同意' })).statusCode).toBe(403);
    const ok = await d.as.guan.post(`/api/duty/assignments/${a.id}/approve`, { version: 2, note: '因病调整，已补派' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ approvalNote: '因病调整，已补派', approvedByName: d.users.guan.username });
    expect((await flagged()).total).toBe(0);
    expect((await d.as.guan.post(`/api/duty/assignments/${a.id}/approve`, { version: 3, note: '再次' })).statusCode).toBe(409);
  });

  it('keeps cadres and assignments inside the user’s area, and checks the linked account', async () => {
    const guanCadre = await d.cadre(d.as.guan, { name: '冠县干部', areaId: d.city.guanV1.id });
    expect((await d.as.shenCadre.get(`/api/duty/cadres/${guanCadre}`)).statusCode).toBe(404);
    expect((await d.as.cadreV1.post('/api/duty/cadres', { name: 'x', areaId: d.city.guanV1.id })).statusCode).toBe(403);
    const linked = await d.cadre(d.as.guan, { name: '关联', areaId: d.city.guanV1.id, userId: d.users.cadreV1.user.id });
    expect((await d.as.guan.post('/api/duty/cadres', { name: '重复', areaId: d.city.guanV1.id, userId: d.users.cadreV1.user.id })).statusCode).toBe(409);
    const edit = await d.as.guan.patch(`/api/duty/cadres/${linked}`, { version: 1, phone: '13912345678' });
    expect(edit.json()).toMatchObject({ phone: '13912345678', version: 2 });
    expect((await d.as.guan.patch(`/api/duty/cadres/${linked}`, { version: 1, phone: '13912345679' })).statusCode).toBe(409);
    const list = (await d.as.guan.get('/api/duty/cadres?q=关联')).json<Page<{ id: number }>>();
    expect(list.items.map((c) => c.id)).toEqual([linked]);
  });
});
