/** 逐户排查: launch over an area, per-area completion, scope of filling, risky answer → monitoring warning, xlsx export, the cadre view. */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoringWarnings } from '../../db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { dutyCity } from './test-setup.js';

let t: TestApp;
let d: Awaited<ReturnType<typeof dutyCity>>;
const hh = {} as Record<'v1a' | 'v1b' | 'v2' | 'ordinary' | 'shen', number>;
let cadreV1: number;

type Task = { id: number; householdId: number; version: number; doneAt: string | null; risky: boolean; campaignId?: number };
type Progress = { total: number; done: number; risky: number; children: { name: string; total: number; done: number }[] };
const healthy = { fever: false, supplies: true, medicine: true, income_loss: false };

beforeAll(async () => {
  t = await testApp();
  d = await dutyCity(t);
  hh.v1a = await d.household(d.city.guanV1.id);
  hh.v1b = await d.household(d.city.guanV1.id, 'monitored');
  hh.ordinary = await d.household(d.city.guanV1.id, 'ordinary');
  hh.v2 = await d.household(d.city.guanV2.id);
  hh.shen = await d.household(d.city.shenV1.id);
  cadreV1 = await d.cadre(d.as.guan, { name: '前村干部', areaId: d.city.guanV1.id, userId: d.users.cadreV1.user.id });
  await d.assign(d.as.guan, cadreV1, { role: 'helper', householdId: hh.v1a, startsOn: '2020-01-01' });
});
afterAll(() => t.close());

async function launch(body: object = {}) {
  const res = await d.as.guan.post('/api/duty/campaigns', { title: '疫情期间排查', template: 'epidemic', areaId: d.city.guan.id, population: 'lifted_monitored', startsOn: '2020-02-01', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; total: number }>();
}
const tasks = async (as: (typeof d.as)[keyof typeof d.as], id: number) => (await as.get(`/api/duty/campaigns/${id}/tasks?pageSize=200`)).json<{ total: number; items: Task[] }>();

describe('campaigns', () => {
  it('launches over 冠县’s lifted and monitored households and follows completion per area', async () => {
    const c = await launch();
    expect(c.total).toBe(3);
    const mine = await tasks(d.as.cadreV1, c.id);
    expect(mine.items.map((x) => x.householdId).sort()).toEqual([hh.v1a, hh.v1b].sort());
    const task = mine.items.find((x) => x.householdId === hh.v1a)!;
    const fill = await d.as.cadreV1.post(`/api/duty/campaign-tasks/${task.id}`, { version: task.version, answers: { ...healthy, note: '无异常' } });
    expect(fill.statusCode, fill.body).toBe(200);
    expect(fill.json()).toMatchObject({ risky: false, warningId: null });
    const county = (await d.as.guan.get(`/api/duty/campaigns/${c.id}/progress`)).json<Progress>();
    expect(county).toMatchObject({ total: 3, done: 1, children: [{ name: '东古城镇', total: 3, done: 1 }] });
    const town = (await d.as.guan.get(`/api/duty/campaigns/${c.id}/progress?areaId=${d.city.guanTown.id}`)).json<Progress>();
    expect(town.children).toEqual([expect.objectContaining({ name: '前村', total: 2, done: 1 }), expect.objectContaining({ name: '后村', total: 1, done: 0 })]);
    // The whole population: the ordinary household too.
    expect((await launch({ population: 'all', title: '住房核查', template: 'housing' })).total).toBe(4);
  });

  it('a risky answer raises a monitoring warning for the household, once', async () => {
    const c = await launch({ title: '生活物资排查' });
    const task = (await tasks(d.as.cadreV1, c.id)).items.find((x) => x.householdId === hh.v1b)!;
    const res = await d.as.cadreV1.post(`/api/duty/campaign-tasks/${task.id}`, { version: task.version, answers: { ...healthy, supplies: false } });
    expect(res.statusCode, res.body).toBe(200);
    const { warningId, version } = res.json<{ warningId: number; version: number }>();
    expect(warningId).toBeGreaterThan(0);
    const [w] = await t.db.select().from(monitoringWarnings).where(eq(monitoringWarnings.id, warningId));
    expect(w).toMatchObject({ householdId: hh.v1b, source: 'campaign', campaignResponseId: task.id, status: 'open' });
    expect(w!.detail).toContain('生活物资是否充足 = 否');
    const again = await d.as.cadreV1.post(`/api/duty/campaign-tasks/${task.id}`, { version, answers: { ...healthy, supplies: false, medicine: false } });
    expect(again.json()).toMatchObject({ risky: true, warningId: null });
    expect(await t.db.select().from(monitoringWarnings).where(eq(monitoringWarnings.campaignResponseId, task.id))).toHaveLength(1);
    // Invalid or missing answers are refused, naming the question.
    const bad = await d.as.cadreV1.post(`/api/duty/campaign-tasks/${task.id}`, { version: version + 1, answers: { fever: 'maybe' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('answers.supplies');
  });

  it('a cadre of another village can neither see nor fill the form; a county of elsewhere sees no campaign', async () => {
    const c = await launch({ title: '饮水调查', template: 'water' });
    const v1Task = (await tasks(d.as.cadreV1, c.id)).items[0]!;
    expect((await tasks(d.as.cadreV2, c.id)).items.map((x) => x.householdId)).toEqual([hh.v2]);
    const fill = await d.as.cadreV2.post(`/api/duty/campaign-tasks/${v1Task.id}`, { version: 1, answers: { source: '集中供水', enough: true, quality: true } });
    expect(fill.statusCode).toBe(404);
    expect((await d.as.shenCadre.get(`/api/duty/campaigns/${c.id}`)).statusCode).toBe(404);
    expect((await d.as.shenCadre.get('/api/duty/campaigns')).json<{ total: number }>().total).toBe(0);
    // Named to one cadre, a village's forms are theirs: another cadre of the same village is refused.
    const other = await d.cadre(d.as.guan, { name: '另一干部', areaId: d.city.guanV1.id });
    expect((await d.as.guan.post(`/api/duty/campaigns/${c.id}/assign`, { villageId: d.city.guanV1.id, cadreId: other })).json()).toEqual({ tasks: 2 });
    const refused = await d.as.cadreV1.post(`/api/duty/campaign-tasks/${v1Task.id}`, { version: 1, answers: { source: '集中供水', enough: true, quality: true } });
    expect(refused.statusCode).toBe(403);
  });

  it('exports the results as xlsx, one row per household and one column per question', async () => {
    const c = await launch({ title: '导出排查' });
    const task = (await tasks(d.as.cadreV1, c.id)).items.find((x) => x.householdId === hh.v1a)!;
    await d.as.cadreV1.post(`/api/duty/campaign-tasks/${task.id}`, { version: 1, answers: { ...healthy, supplies: false } });
    const res = await d.as.guan.get(`/api/duty/campaigns/${c.id}/tasks/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['户编号', '生活物资是否充足', '家庭成员是否有发热、咳嗽等症状', '其他情况']));
    expect(ws.rowCount).toBe(3 + 3);
    const supplies = header.indexOf('生活物资是否充足') + 1;
    const filled = [4, 5, 6].map((r) => ws.getRow(r)).find((r) => r.getCell(supplies).value === '否');
    expect(filled).toBeDefined();
  });

  it('the cadre view lists my households, my visits to do this month and my forms', async () => {
    const before = (await d.as.cadreV1.get('/api/my/duty?on=2020-04-15')).json<{
      cadre: { id: number };
      households: { householdId: number; visitedThisPeriod: boolean }[];
      visitsToDo: { householdId: number | null }[];
      forms: { total: number; items: Task[] };
      campaigns: { id: number; questions: unknown[] }[];
    }>();
    expect(before.cadre.id).toBe(cadreV1);
    expect(before.households).toEqual([expect.objectContaining({ householdId: hh.v1a, visitedThisPeriod: false })]);
    expect(before.visitsToDo.map((v) => v.householdId)).toEqual([hh.v1a]);
    expect(before.forms.total).toBeGreaterThan(0);
    expect(before.forms.items.every((f) => [hh.v1a, hh.v1b, hh.ordinary].includes(f.householdId))).toBe(true);
    expect(before.campaigns.length).toBeGreaterThan(0);
    await d.visit(d.as.cadreV1, { householdId: hh.v1a, visitedOn: '2020-04-15', method: 'in_person', findings: '已了解', followUp: '下月再访' });
    const after = (await d.as.cadreV1.get('/api/my/duty?on=2020-04-15')).json<typeof before>();
    expect(after.visitsToDo).toEqual([]);
    expect(after.households[0]).toMatchObject({ visitedThisPeriod: true });
  });
});
