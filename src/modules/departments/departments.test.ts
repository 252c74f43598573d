/**
 * Department uploads end to end through the API: a real-world file (title row, synonyms, traditional characters,
 * damaged and old IDs, a row without its required status) is read, matched, reviewed, committed, and compared.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput, newIdNumber } from '../../test/factories.js';
import { seedDemoStandards } from '../standards/service.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
type Session = Awaited<ReturnType<typeof signIn>>;
let edu: Session;
let health: Session;
let guan: Session;
let shen: Session;
let cityOffice: Session;
const people: Record<string, { id: string; name: string; born: string }> = {};

type Cell = string | number | null;
async function workbook(rows: Cell[][], numericIdRows: number[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学籍');
  ws.addRow(['2020年秋季学期在籍学生名单（冠县）']);
  ws.addRow(['序号', '学生姓名', '公民身份号码', '出生年月', '就读学校', '年级', '学籍状态']);
  rows.forEach((r, i) => {
    const row = ws.addRow(r);
    if (numericIdRows.includes(i)) row.getCell(3).value = Number(r[2]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(who: Session, body: Buffer, type = 'school_enrolment', asOf = '2020-08-31') {
  const res = await who.send({ method: 'POST', url: `/api/departments/snapshots?datasetType=${type}&asOf=${asOf}&fileName=${encodeURIComponent('学籍.xlsx')}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });
  await t.importRunner.idle();
  return res;
}

function to15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  await seedDemoStandards(t.db, city.city);
  const { actor } = await makeUser(t.db, 'city_office', city.city.id, { username: 'dep_city' });
  await makeUser(t.db, 'department_officer', city.city.id, { username: 'dep_edu', department: 'education' });
  await makeUser(t.db, 'department_officer', city.city.id, { username: 'dep_health', department: 'health' });
  await makeUser(t.db, 'county_office', city.guan.id, { username: 'dep_guan' });
  await makeUser(t.db, 'county_office', city.shen.id, { username: 'dep_shen' });
  const child = (key: string, name: string, born: string, village: number) => {
    people[key] = { id: newIdNumber(born), name, born };
    return makeHousehold(t.db, actor, village, {}, [memberInput({ name: `${name}父`, idNumber: newIdNumber('1980-02-02') }), memberInput({ name, idNumber: people[key]!.id, relation: 'son', schoolStatus: 'primary' })]);
  };
  await child('exact', '刘洋', '2010-04-01', city.guanV1.id);
  await child('old15', '陈晨', '1985-05-02', city.guanV1.id); // 15-digit IDs were issued to people born in the 1900s
  await child('typo', '赵磊', '2009-06-03', city.guanV2.id);
  await child('trad', '张伟', '2012-07-04', city.guanV2.id);
  await child('absent', '孙悦', '2010-08-05', city.guanV1.id);
  await child('shen', '周杰', '2010-09-06', city.shenV1.id);
  edu = await signIn(t.app, 'dep_edu');
  health = await signIn(t.app, 'dep_health');
  guan = await signIn(t.app, 'dep_guan');
  shen = await signIn(t.app, 'dep_shen');
  cityOffice = await signIn(t.app, 'dep_city');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

let snapshotId = 0;

describe('department uploads', () => {
  it('offers each dataset type with a template whose example rows read back without an error', async () => {
    const types = (await edu.get('/api/departments/datasets')).json<{ code: string; department: string }[]>();
    expect(types.every((x) => x.department === 'education')).toBe(true);
    const all = (await cityOffice.get('/api/departments/datasets')).json<{ code: string }[]>();
    expect(all.length).toBeGreaterThanOrEqual(15);
    const tpl = await edu.get('/api/departments/datasets/school_enrolment/template');
    expect(tpl.statusCode).toBe(200);
    const res = await upload(edu, tpl.rawPayload);
    const snap = (await edu.get(`/api/departments/snapshots/${res.json<{ id: number }>().id}`)).json<{ status: string; counts: { rows: number; rejected: number; issues: number } }>();
    expect(snap.status).toBe('previewed');
    expect(snap.counts).toMatchObject({ rows: 3, rejected: 0, issues: 0 });
  });

  it('refuses a department officer uploading another department’s dataset', async () => {
    const res = await upload(health, await workbook([]));
    expect(res.statusCode).toBe(403);
  });

  it('reads a messy file, matches exact, old, mistyped and traditional-character records, and lists bad rows', async () => {
    const typo = people.typo!.id;
    const wrongDigit = typo.slice(0, 14) + String((Number(typo[14]) + 1) % 10) + typo.slice(15);
    const body = await workbook(
      [
        [1, people.exact!.name, people.exact!.id, people.exact!.born, '实验小学', '四年级', '在校'],
        [2, people.old15!.name, to15(people.old15!.id), people.old15!.born, '实验小学', '三年级', '在校'],
        [3, people.typo!.name, wrongDigit, people.typo!.born, '二中', '五年级', '在校'],
        [4, '張偉', null, people.trad!.born, '实验小学', '二年级', '在校'],
        [5, '王不在', newIdNumber('2010-01-01'), '2010-01-01', '实验小学', '四年级', '在校'],
        [6, people.shen!.name, people.shen!.id, people.shen!.born, '燕店小学', '四年级', null],
        [7, '李数字', '371525201001010012', '2010-01-01', '实验小学', '四年级', '在校'],
      ],
      [6],
    );
    const res = await upload(edu, body);
    expect(res.statusCode, res.body).toBe(202);
    snapshotId = res.json<{ id: number }>().id;
    const snap = (await edu.get(`/api/departments/snapshots/${snapshotId}`)).json<{ status: string; counts: Record<string, number> }>();
    expect(snap.status).toBe('previewed');
    expect(snap.counts).toMatchObject({ rows: 7, rejected: 1 });
    const byName = async (name: string) => {
      const r = await edu.get(`/api/departments/snapshots/${snapshotId}/records?q=${encodeURIComponent(name)}`);
      return r.json<{ items: { matchStatus: string; matchReasons: string[]; idNumber: string | null }[] }>().items[0]!;
    };
    expect((await byName(people.exact!.name)).matchStatus).toBe('id_exact');
    const old = await byName(people.old15!.name);
    // The reader turns a 15-digit ID into its 18-digit form, so the old number matches exactly.
    expect(old.matchStatus, JSON.stringify(old)).toBe('id_exact');
    expect(await byName(people.typo!.name)).toMatchObject({ matchStatus: expect.stringMatching(/auto|review/) });
    expect((await byName('張偉')).matchStatus).toMatch(/auto|review/);
    expect((await byName('王不在')).matchStatus).toBe('unmatched');
    // The ID Excel stored as a number is kept only as its trustworthy digits and never shown whole.
    expect((await byName('李数字')).idNumber).not.toBe('371525201001010012');
    const issues = (await edu.get(`/api/departments/snapshots/${snapshotId}/issues`)).json<{ items: { rowNumber: number; column: string; code: string; reason: string }[] }>().items;
    expect(issues).toContainEqual(expect.objectContaining({ rowNumber: 8, column: 'G', code: 'REQUIRED' }));
    expect(issues.some((i) => i.rowNumber === 9 && i.code === 'ID_UNUSABLE')).toBe(true);
    const file = await edu.get(`/api/departments/snapshots/${snapshotId}/issues/export`);
    expect(file.statusCode).toBe(200);
  });

  it('keeps records in the area of their person: a county sees its own, not the other county’s', async () => {
    const g = (await guan.get(`/api/departments/snapshots/${snapshotId}/records?pageSize=100`)).json<{ items: { name: string }[] }>().items.map((r) => r.name);
    expect(g).toContain(people.exact!.name);
    expect(g).not.toContain(people.shen!.name);
    expect(g).not.toContain('王不在');
    const s = (await shen.get(`/api/departments/snapshots/${snapshotId}/records?pageSize=100`)).json<{ items: { name: string }[] }>().items.map((r) => r.name);
    expect(s).not.toContain(people.exact!.name);
  });

  it('lets the county confirm or reject a match waiting for review', async () => {
    const list = (await guan.get('/api/departments/reviews?status=review')).json<{ items: { id: number; candidates: { memberId: number }[] }[] }>();
    const unmatched = (await cityOffice.get('/api/departments/reviews?status=unmatched')).json<{ items: { id: number }[] }>();
    expect(unmatched.items.length).toBeGreaterThan(0);
    if (list.items.length) {
      const first = list.items[0]!;
      const ok = await guan.post(`/api/departments/records/${first.id}/confirm`, { memberId: first.candidates[0]!.memberId });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ matchStatus: 'confirmed' });
    }
    const refused = await edu.post(`/api/departments/records/${unmatched.items[0]!.id}/reject`);
    expect(refused.statusCode).toBe(403);
    const rejected = await cityOffice.post(`/api/departments/records/${unmatched.items[0]!.id}/reject`);
    expect(rejected.statusCode, rejected.body).toBe(200);
  });

  it('commits only with "valid rows only" when rows were rejected, then compares: the child without enrolment is found', async () => {
    const refused = await edu.post(`/api/departments/snapshots/${snapshotId}/commit`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(409);
    const ok = await edu.post(`/api/departments/snapshots/${snapshotId}/commit`, { mode: 'valid_only' });
    expect(ok.statusCode, ok.body).toBe(200);
    const { runContext } = await import('../rules/context.js');
    const { checkRule, ruleSql, BUILT_IN_RULES } = await import('../../domain/rules/index.js');
    const ctx = await runContext(t.db, '2020-09-01');
    expect(ctx.datasets?.school_enrolment).toBe(snapshotId);
    const rule = BUILT_IN_RULES.find((r) => r.code === 'CMP-001')!;
    const checked = checkRule(rule);
    if (!checked.ok) throw new Error('CMP-001 does not check');
    const rows = await query<{ member_id: number }>(t.db, sql.raw(ruleSql(checked.rule, ctx)));
    const names = await query<{ name: string }>(t.db, sql`SELECT name FROM members WHERE id = ANY(${sql.param(rows.map((r) => Number(r.member_id)))}::int[])`);
    const found = names.map((n) => n.name);
    expect(found).toContain(people.absent!.name);
    expect(found).not.toContain(people.exact!.name);
    expect(found).not.toContain(people.old15!.name);
  });

  it('runs a comparison of one department in the background: its rules only, findings routed to it', async () => {
    const { seedBuiltInRules } = await import('../rules/catalogue.js');
    await seedBuiltInRules(t.db);
    const res = await cityOffice.post('/api/rule-runs', { departments: ['education'], referenceDate: '2020-09-01' });
    expect(res.statusCode, res.body).toBe(202);
    await t.ruleRunner.idle();
    const run = (await cityOffice.get(`/api/rule-runs/${res.json<{ id: number }>().id}`)).json<{ status: string; departments: string[]; perRule: { code: string }[] }>();
    expect(run.status).toBe('done');
    expect(run.departments).toEqual(['education']);
    expect(run.perRule.map((r) => r.code).every((c) => ['CMP-001', 'CMP-002', 'CMP-003'].includes(c) || !c.startsWith('CMP'))).toBe(true);
    const findings = (await edu.get('/api/findings?ruleCode=CMP-001&pageSize=50')).json<{ items: { memberName: string; department: string }[] }>();
    expect(findings.items.map((f) => f.memberName)).toContain(people.absent!.name);
    expect(findings.items.every((f) => f.department === 'education')).toBe(true);
    const bad = await cityOffice.post('/api/rule-runs', { departments: ['nonsense'] });
    expect(bad.statusCode).toBe(400);
  });

  it('turns a large medical self-pay from 医保 into a monitoring warning linked to its finding, once', async () => {
    const [m] = await query<{ id: number; household_id: number; area_path: string }>(t.db, sql`SELECT id, household_id, area_path FROM members WHERE id_number = ${people.exact!.id}`);
    const [snap] = await query<{ id: number }>(
      t.db,
      sql`INSERT INTO dept_snapshots (dataset_type, department, as_of, status, file_name, area_id, area_path, username)
          VALUES ('large_medical_cost', 'medical_insurance', '2020-08-31', 'committed', '大额医疗.xlsx', ${city.city.id}, ${city.city.path}, 'test') RETURNING id`,
    );
    await t.db.execute(sql`INSERT INTO dept_records (snapshot_id, sheet, row_number, id_number, name, data, as_of, member_id, household_id, area_path, match_status)
      VALUES (${snap!.id}, 'S', 3, ${people.exact!.id}, ${people.exact!.name}, '{"year":2020,"selfPay":32000}', '2020-08-31', ${m!.id}, ${m!.household_id}, ${m!.area_path}, 'id_exact')`);
    const runOnce = async () => {
      const res = await cityOffice.post('/api/rule-runs', { departments: ['medical_insurance'], referenceDate: '2020-09-01' });
      await t.ruleRunner.idle();
      return (await cityOffice.get(`/api/rule-runs/${res.json<{ id: number }>().id}`)).json<{ status: string; counts: { monitoringWarnings: number } }>();
    };
    const first = await runOnce();
    expect(first.status).toBe('done');
    expect(first.counts.monitoringWarnings).toBeGreaterThanOrEqual(1);
    const warnings = await query<{ source: string; detail: string; finding_id: number | null }>(t.db, sql`SELECT source, detail, finding_id FROM monitoring_warnings WHERE household_id = ${m!.household_id}`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ source: 'finding', detail: expect.stringContaining('CMP-007') });
    expect(warnings[0]!.finding_id).not.toBeNull();
    expect((await runOnce()).counts.monitoringWarnings).toBe(0);
    expect(await query(t.db, sql`SELECT 1 FROM monitoring_warnings WHERE household_id = ${m!.household_id}`)).toHaveLength(1);
  });

  it('lets the city add a dataset type of its own: upload it, and write a rule over it', async () => {
    const type = {
      code: 'land_transfer',
      department: 'market_regulation',
      zh: '土地流转登记',
      en: 'Land transfers',
      description: '农村土地经营权流转登记（城市自定义）。',
      columns: [{ key: 'area', label: '流转面积', labelEn: 'Area (mu)', synonyms: ['面积'], kind: 'amount', required: true }],
    };
    expect((await guan.post('/api/departments/datasets', type)).statusCode).toBe(403);
    expect((await cityOffice.post('/api/departments/datasets', { ...type, code: 'vehicles' })).statusCode).toBe(409);
    expect((await cityOffice.post('/api/departments/datasets', { ...type, columns: [{ ...type.columns[0], key: 'name' }] })).statusCode).toBe(400);
    const created = await cityOffice.post('/api/departments/datasets', type);
    expect(created.statusCode, created.body).toBe(201);
    const listed = (await cityOffice.get('/api/departments/datasets')).json<{ code: string; builtIn: boolean; version: number | null }[]>();
    expect(listed.find((d) => d.code === 'land_transfer')).toMatchObject({ builtIn: false, version: 1 });
    expect((await cityOffice.get('/api/departments/datasets/land_transfer/template')).statusCode).toBe(200);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('流转');
    ws.addRow(['姓名', '身份证号', '面积']);
    ws.addRow([people.exact!.name, people.exact!.id, 25]);
    const up = await cityOffice.send({ method: 'POST', url: `/api/departments/snapshots?datasetType=land_transfer&asOf=2020-08-31&fileName=${encodeURIComponent('流转.xlsx')}`, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(up.statusCode, up.body).toBe(202);
    await t.importRunner.idle();
    const id = up.json<{ id: number }>().id;
    expect((await cityOffice.get(`/api/departments/snapshots/${id}`)).json()).toMatchObject({ status: 'previewed', counts: { rows: 1, idExact: 1 } });
    expect((await cityOffice.post(`/api/departments/snapshots/${id}/commit`, { mode: 'all_or_nothing' })).statusCode).toBe(200);

    const rule = {
      code: 'TST-LAND',
      titleZh: '流转土地超过10亩',
      titleEn: 'Transferred more than 10 mu',
      severity: 'low',
      subject: 'member',
      department: 'market_regulation',
      populationZh: '在册成员',
      explanationZh: '测试自定义数据类型。',
      appliesTo: null,
      condition: 'exists(land_transfer where record.area > 10)',
      note: '测试',
    };
    const bad = await cityOffice.post('/api/rules', { ...rule, condition: 'exists(land_transfer where record.acreage > 10)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('record.area');
    expect((await cityOffice.post('/api/rules', rule)).statusCode).toBe(201);
    const preview = (await cityOffice.post('/api/rules/TST-LAND/preview', { referenceDate: '2020-09-01' })).json<{ count: number; sample: { memberName: string }[] }>();
    expect(preview.count).toBe(1);
    expect(preview.sample[0]!.memberName).toBe(people.exact!.name);
  });

  it('shows what departments hold about a member, and the previous snapshot stays queryable', async () => {
    const [m] = await query<{ id: number }>(t.db, sql`SELECT id FROM members WHERE id_number = ${people.exact!.id}`);
    const held = (await guan.get(`/api/members/${m!.id}/department-records`)).json<{ datasetType: string }[]>();
    expect(held.map((r) => r.datasetType)).toContain('school_enrolment');
    const second = await upload(edu, await workbook([[1, people.exact!.name, people.exact!.id, people.exact!.born, '实验小学', '五年级', '在校']]), 'school_enrolment', '2021-03-01');
    const secondId = second.json<{ id: number }>().id;
    await edu.post(`/api/departments/snapshots/${secondId}/commit`, { mode: 'all_or_nothing' });
    const list = (await edu.get('/api/departments/snapshots?datasetType=school_enrolment&status=committed')).json<{ items: { id: number }[] }>();
    expect(list.items.map((s) => s.id)).toEqual(expect.arrayContaining([snapshotId, secondId]));
    expect((await edu.get(`/api/departments/snapshots/${snapshotId}/records`)).statusCode).toBe(200);
  });
});
