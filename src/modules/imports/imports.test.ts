import { and, eq, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import { makeIdNumber } from '../../domain/id-number.js';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput } from '../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { buildXlsx, cell, encodeGb18030, row, worksheetXml } from '../ingest/test-files.js';
import { households, members } from '../registry/schema.js';
import type { ImportJobView } from './presenter.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
let guan: Awaited<ReturnType<typeof signIn>>;
let shen: Awaited<ReturnType<typeof signIn>>;

const HEADER = ['户编号', '行政区划代码', '户类型', '贫困户属性', '主要致贫原因', '住房安全等级', '姓名', '身份证号', '与户主关系', '健康状况', '是否享受低保'];
type Cell = string | number | null;

let seq = 500;
const id = (birth: string, sex: 'male' | 'female' = 'male', area = '371525') => makeIdNumber(area, birth, (seq++ % 499) * 2 + (sex === 'male' ? 1 : 0));

async function xlsx(rows: Cell[][], opts: { numericIdRows?: number[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['冠县脱贫户家庭成员花名册']);
  ws.addRow(HEADER);
  rows.forEach((r, i) => {
    const row = ws.addRow(r);
    // Row typed into a number-formatted column: Excel keeps 15 digits.
    if (opts.numericIdRows?.includes(i)) row.getCell(8).value = Number(r[7]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(who: typeof guan, name: string, body: Buffer): Promise<ImportJobView> {
  const res = await who.send({ method: 'POST', url: `/api/imports?kind=households&fileName=${encodeURIComponent(name)}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });
  expect(res.statusCode, res.body).toBe(202);
  await t.importRunner.idle();
  return job(who, res.json<ImportJobView>().id);
}

async function job(who: typeof guan, jobId: number): Promise<ImportJobView> {
  const res = await who.get(`/api/imports/${jobId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ImportJobView>();
}

async function commit(who: typeof guan, jobId: number, mode: 'all_or_nothing' | 'valid_only') {
  const res = await who.post(`/api/imports/${jobId}/commit`, { mode });
  await t.importRunner.idle();
  return { res, job: await job(who, jobId) };
}

async function issues(who: typeof guan, jobId: number) {
  const res = await who.get(`/api/imports/${jobId}/issues?pageSize=200`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { rowNumber: number; code: string; column: string | null; message: string; severity: string; related: { rowNumber: number } | null }[]; total: number }>();
}

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  await makeUser(t.db, 'county_office', city.guan.id, { username: 'guan' });
  await makeUser(t.db, 'county_office', city.shen.id, { username: 'shen' });
  guan = await signIn(t.app, 'guan');
  shen = await signIn(t.app, 'shen');
});
afterAll(async () => t?.close());

describe('importing a household roster', () => {
  const headA = id('1960-03-02');
  const wifeA = id('1962-07-15', 'female');
  const headB = id('1955-01-20');
  const rows = (): Cell[][] => [
    ['3715251010010901', '371525101001', '脱贫户', '一般脱贫户', '因病', 'A级', '王大山', headA, '户主', '健康', '否'],
    ['3715251010010901', '371525101001', null, null, null, null, '李秀英', wifeA, '配偶', '长期慢性病', '否'],
    ['3715251010020902', '371525101002', '脱贫户', '低保脱贫户', '因残', 'B级', '赵老汉', headB, '户主', '残疾', '是'],
  ];
  let first: ImportJobView;

  it('previews a clean roster: counts, a field-by-field sample, no issues', async () => {
    first = await upload(guan, '冠县花名册.xlsx', await xlsx(rows()));
    expect(first.status).toBe('previewed');
    expect(first.headerRows).toEqual([2]);
    expect(first.summary).toMatchObject({ rows: 3, errors: 0, households: { new: 2, changed: 0 }, members: { new: 3 } });
    const sample = first.samples.find((s) => s.entity === 'household' && s.householdNo === '3715251010010901')!;
    expect(sample.changes).toContainEqual({ field: 'housingGrade', label: '住房安全等级', old: null, new: 'A级（安全）' });
    // The preview wrote nothing.
    expect(await t.db.select().from(households).where(eq(households.householdNo, '3715251010010901'))).toHaveLength(0);
  });

  it('commits in one go and records every creation in the audit trail under the import batch', async () => {
    const { res, job: done } = await commit(guan, first.id, 'all_or_nothing');
    expect(res.statusCode, res.body).toBe(202);
    expect(done.status).toBe('committed');
    expect(done.result).toMatchObject({ householdsCreated: 2, membersCreated: 3, batch: `import-${first.id}` });
    const [hh] = await t.db.select().from(households).where(eq(households.householdNo, '3715251010010901'));
    expect(hh).toMatchObject({ areaId: city.guanV1.id, areaPath: city.guanV1.path, type: 'lifted', mainCause: 'illness', housingGrade: 'A' });
    const people = await t.db.select().from(members).where(eq(members.householdId, hh!.id));
    expect(people.map((p) => [p.name, p.relation, p.sex, p.health]).sort()).toEqual([
      ['李秀英', 'spouse', 'female', 'chronic'],
      ['王大山', 'head', 'male', 'healthy'],
    ]);
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.batch, `import-${first.id}`));
    expect(trail.filter((a) => a.action === 'create').map((a) => a.entity).sort()).toEqual(['household', 'household', 'member', 'member', 'member']);
    // Keyed like the registry's own entries, so the household history reads the same whichever way the data came.
    const headEntry = trail.find((a) => a.entity === 'member' && (a.newValues as { name?: string }).name === '王大山')!;
    expect(headEntry.newValues).toMatchObject({ name: '王大山', relation: 'head', idNumber: headA, householdId: hh!.id, version: 1 });
    expect(headEntry.newValues).not.toHaveProperty('created_at');
  });

  it('re-importing the same file changes nothing', async () => {
    const again = await upload(guan, '冠县花名册.xlsx', await xlsx(rows()));
    expect(again.summary).toMatchObject({ errors: 0, households: { new: 0, changed: 0, unchanged: 2 }, members: { new: 0, changed: 0, unchanged: 3 } });
    const { job: done } = await commit(guan, again.id, 'all_or_nothing');
    expect(done.result).toMatchObject({ householdsCreated: 0, householdsUpdated: 0, membersCreated: 0, membersUpdated: 0 });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.batch, `import-${again.id}`))).toHaveLength(0);
  });

  it('an updated file changes only what changed, with old and new values in the trail', async () => {
    const updated = rows();
    updated[0]![5] = 'B级';
    updated[1]![9] = '健康';
    const j = await upload(guan, '冠县花名册-11月.xlsx', await xlsx(updated));
    expect(j.summary).toMatchObject({ households: { changed: 1, unchanged: 1 }, members: { changed: 1, unchanged: 2 } });
    const { job: done } = await commit(guan, j.id, 'all_or_nothing');
    expect(done.result).toMatchObject({ householdsUpdated: 1, membersUpdated: 1 });
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.batch, `import-${j.id}`), eq(auditLog.action, 'update')));
    expect(trail.map((a) => [a.entity, a.oldValues, a.newValues]).sort()).toEqual([
      ['household', { housingGrade: 'A' }, { housingGrade: 'B' }],
      ['member', { health: 'chronic' }, { health: 'healthy' }],
    ]);
  });

  it('gives each new member its own row, a joining event of the right kind and a creation entry', async () => {
    const born = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const [baby, brother, headC] = [id(born, 'female'), id('1958-09-09'), id('1975-05-05')];
    const grown = [
      ...rows(),
      ['3715251010010901', '371525101001', null, null, null, null, '王小妹', baby, '孙女', '健康', '否'],
      ['3715251010010901', '371525101001', null, null, null, null, '王二山', brother, '兄弟姐妹', '健康', '否'],
      ['3715251010020903', '371525101002', '脱贫户', '一般脱贫户', '因学', 'A级', '孙建国', headC, '户主', '健康', '否'],
    ];
    const j = await upload(guan, '冠县花名册-12月.xlsx', await xlsx(grown));
    expect(j.summary).toMatchObject({ errors: 0, households: { new: 1 }, members: { new: 3 } });
    const { job: done } = await commit(guan, j.id, 'all_or_nothing');
    expect(done.result).toMatchObject({ householdsCreated: 1, membersCreated: 3 });

    const added = await t.db
      .select({ id: members.id, idNumber: members.idNumber, householdId: members.householdId, householdNo: households.householdNo })
      .from(members)
      .innerJoin(households, eq(households.id, members.householdId))
      .where(sql`${members.idNumber} IN (${baby}, ${brother}, ${headC})`);
    const of = (idNumber: string) => added.find((m) => m.idNumber === idNumber)!;
    expect(of(baby).householdNo).toBe('3715251010010901');
    expect(of(brother).householdId).toBe(of(baby).householdId);
    expect(of(headC).householdNo).toBe('3715251010020903');
    const events = await query<{ member_id: number; household_id: number; kind: string; occurred_on: string }>(
      t.db,
      sql`SELECT member_id, household_id, kind, occurred_on::text FROM member_events WHERE member_id IN (${of(baby).id}, ${of(brother).id}, ${of(headC).id})`,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(events.map((e) => [e.member_id, e.household_id, e.kind, e.occurred_on]).sort()).toEqual(
      [
        [of(baby).id, of(baby).householdId, 'birth', born],
        [of(brother).id, of(brother).householdId, 'moved_in', today],
        [of(headC).id, of(headC).householdId, 'joined', today],
      ].sort(),
    );
    const created = await t.db
      .select({ entity: auditLog.entity, entityId: auditLog.entityId, householdId: auditLog.householdId, newValues: auditLog.newValues })
      .from(auditLog)
      .where(and(eq(auditLog.batch, `import-${j.id}`), eq(auditLog.action, 'create')));
    expect(created.map((a) => [a.entity, a.entityId, a.householdId]).sort()).toEqual(
      [
        ['household', String(of(headC).householdId), of(headC).householdId],
        ...[baby, brother, headC].map((n) => ['member', String(of(n).id), of(n).householdId]),
      ].sort(),
    );
    expect(created.find((a) => a.entityId === String(of(brother).id))?.newValues).toMatchObject({ name: '王二山', householdId: of(brother).householdId });
  });
});

describe('a damaged roster', () => {
  const good = id('1970-01-01');
  const damaged = id('1971-02-02');
  const badCheck = id('1972-03-03').slice(0, 17) + 'Z';
  const twoHeads = [id('1973-04-04'), id('1974-05-05')];
  const shared = id('1980-06-06');
  const outside = id('1981-07-07', 'male', '371522');
  const rows: Cell[][] = [
    ['3715251010010801', '371525101001', '脱贫户', '一般脱贫户', '因病', 'A级', '钱一', good, '户主', '健康', '否'], // row 3
    ['3715251010010802', '371525101001', '脱贫户', '一般脱贫户', '因病', 'A级', '孙二', damaged, '户主', '健康', '否'], // row 4: ID stored as a number
    ['3715251010010803', '371525101001', '脱贫户', '一般脱贫户', '因病', 'A级', '周三', badCheck, '户主', '健康', '否'], // row 5
    ['3715251010010804', '371525101001', '脱贫户', '一般脱贫户', '因病', 'A级', '吴四', twoHeads[0]!, '户主', '健康', '否'], // row 6
    ['3715251010010804', '371525101001', null, null, null, null, '郑五', twoHeads[1]!, '户主', '健康', '否'], // row 7
    ['3715251010010805', '371525101002', '脱贫户', '一般脱贫户', '因病', 'A级', '冯六', shared, '户主', '健康', '否'], // row 8
    ['3715251010010806', '371525101002', '脱贫户', '一般脱贫户', '因病', 'A级', '陈七', id('1982-08-08'), '户主', '健康', '否'], // row 9
    ['3715251010010806', '371525101002', null, null, null, null, '冯六', shared, '子', '健康', '否'], // row 10: in two households
    ['3715221010010807', '371522101001', '脱贫户', '一般脱贫户', '因病', 'A级', '褚八', outside, '户主', '健康', '否'], // row 11: 莘县
  ];
  let j: ImportJobView;

  it('reports each problem with the row and column the user sees in Excel', async () => {
    j = await upload(guan, '有问题的花名册.xlsx', await xlsx(rows, { numericIdRows: [1] }));
    expect(j.status).toBe('previewed');
    const list = (await issues(guan, j.id)).items;
    const at = (row: number) => list.filter((i) => i.rowNumber === row).map((i) => i.code);
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual(['ID_DAMAGED_BY_EXCEL']);
    expect(list.find((i) => i.rowNumber === 4)!).toMatchObject({ column: 'H', severity: 'error' });
    expect(list.find((i) => i.rowNumber === 4)!.message).toContain('被Excel存为数字');
    expect(at(5)).toEqual(['CELL_INVALID']);
    expect(at(7)).toContain('TWO_HEADS');
    expect(list.find((i) => i.rowNumber === 7 && i.code === 'TWO_HEADS')!.related).toMatchObject({ rowNumber: 6 });
    expect(at(6)).toContain('HOUSEHOLD_HELD_BACK');
    expect(at(10)).toContain('PERSON_IN_TWO_HOUSEHOLDS');
    expect(list.find((i) => i.code === 'PERSON_IN_TWO_HOUSEHOLDS' && i.rowNumber === 10)!.message).toContain('第8行');
    expect(at(8)).toContain('PERSON_IN_TWO_HOUSEHOLDS');
    expect(at(11)).toContain('OUT_OF_SCOPE');
    expect(j.summary).toMatchObject({ rows: 9, households: { rejected: 6 } });
  });

  it('refuses "all or nothing" while there are errors, and saves nothing', async () => {
    const res = await guan.post(`/api/imports/${j.id}/commit`, { mode: 'all_or_nothing' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('IMPORT_HAS_ERRORS');
    expect(await t.db.select().from(households).where(eq(households.householdNo, '3715251010010801'))).toHaveLength(0);
  });

  it('gives back the rejected rows as they were, with the reasons, in an error file', async () => {
    const res = await guan.get(`/api/imports/${j.id}/error-file`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(12).value).toBe('错误原因');
    const names = [] as string[];
    for (let r = 3; r <= ws.rowCount; r++) names.push(String(ws.getRow(r).getCell(7).value));
    // Rows 4, 5, 6+7 (two heads), 8 and 10 (one person in two households) and 11; row 9 goes with its household.
    expect(names).toEqual(['孙二', '周三', '吴四', '郑五', '冯六', '陈七', '冯六', '褚八']);
    expect(typeof ws.getRow(3).getCell(8).value).toBe('number');
    expect(String(ws.getRow(3).getCell(12).value)).toContain('身份证号');
  });

  it('commits the valid households only when asked to', async () => {
    const { job: done } = await commit(guan, j.id, 'valid_only');
    expect(done.status).toBe('committed');
    expect(done.result).toMatchObject({ householdsCreated: 1, membersCreated: 1 });
    expect(await t.db.select().from(households).where(eq(households.householdNo, '3715251010010801'))).toHaveLength(1);
    expect(await t.db.select().from(households).where(eq(households.householdNo, '3715221010010807'))).toHaveLength(0);
  });

  it('a commit that fails half-way leaves nothing behind', async () => {
    const a = id('1963-01-01');
    const b = id('1964-02-02');
    const text = ['户编号,行政区划代码,户类型,姓名,身份证号,与户主关系', `3715251010010951,371525101001,脱贫户,正常户主,${a},户主`, `3715251010010952,371525101001,脱贫户,中途失败,${b},户主`].join('\n');
    const j = await upload(guan, 'fail.csv', Buffer.from(text));
    // The second household's member insert fails after the households were written.
    await t.db.execute(sql`CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = '中途失败' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`);
    await t.db.execute(sql`CREATE TRIGGER fail_import BEFORE INSERT ON members FOR EACH ROW EXECUTE FUNCTION fail_import()`);
    try {
      const { job: after } = await commit(guan, j.id, 'valid_only');
      expect(after.status).toBe('previewed');
      expect(after.failure?.code).toBe('INTERNAL');
      expect(await t.db.select().from(households).where(eq(households.householdNo, '3715251010010951'))).toHaveLength(0);
      expect(await t.db.select().from(auditLog).where(eq(auditLog.batch, `import-${j.id}`))).toHaveLength(0);
    } finally {
      await t.db.execute(sql`DROP TRIGGER fail_import ON members`);
      await t.db.execute(sql`DROP FUNCTION fail_import()`);
    }
    const { job: retried } = await commit(guan, j.id, 'valid_only');
    expect(retried.result).toMatchObject({ householdsCreated: 2, membersCreated: 2 });
  });

  it('checks again at commit when the registry changed after the preview', async () => {
    const person = id('1966-06-06');
    const text = ['户编号,行政区划代码,户类型,姓名,身份证号,与户主关系', `3715251010010961,371525101001,脱贫户,后来者,${person},户主`].join('\n');
    const j = await upload(guan, 'late.csv', Buffer.from(text));
    expect(j.summary).toMatchObject({ errors: 0, households: { new: 1 } });
    const actor = (await makeUser(t.db, 'county_office', city.guan.id)).actor;
    await makeHousehold(t.db, actor, city.guanV2.id, {}, [memberInput({ idNumber: person })]);
    const { job: done } = await commit(guan, j.id, 'valid_only');
    expect(done.status).toBe('committed');
    expect(done.result).toMatchObject({ householdsCreated: 0 });
    expect(done.summary).toMatchObject({ errors: 1, households: { rejected: 1 } });
  });

  it('keeps the job out of sight of another county', async () => {
    expect((await shen.get(`/api/imports/${j.id}`)).statusCode).toBe(404);
    expect((await shen.get(`/api/imports/${j.id}/issues`)).statusCode).toBe(404);
    expect((await shen.get(`/api/imports/${j.id}/error-file`)).statusCode).toBe(404);
    expect((await shen.get('/api/imports')).json<{ total: number }>().total).toBe(0);
  });
});

describe('files as people make them', () => {
  it('reads a GB18030 CSV whose rows name the household by its head, and numbers the new household', async () => {
    const head = id('1966-09-09');
    const son = id('1990-10-10');
    const text = ['户主身份证号,行政区划代码,户类型,姓名,身份证号,与户主关系', `${head},371525101002,脱贫户,何大,${head},户主`, `${head},371525101002,,何小,${son},子`].join('\r\n');
    const j = await upload(guan, '何家.csv', encodeGb18030(text));
    expect(j.format).toBe('csv');
    expect(j.summary).toMatchObject({ errors: 0, households: { new: 1 }, members: { new: 2 } });
    await commit(guan, j.id, 'all_or_nothing');
    const [m] = await t.db.select().from(members).where(and(eq(members.idNumber, son), isNull(members.endedOn)));
    const [hh] = await t.db.select().from(households).where(eq(households.id, m!.householdId));
    expect(hh!.householdNo).toMatch(/^3715251010020\d{3}$/);
  });

  it('reads a hand-made workbook: a sheet per county, title, two-row merged header, hidden column, totals row, numeric ID', async () => {
    const heads = [id('1950-05-05'), id('1951-06-06')];
    const sheet = (title: string, village: string, no: string, name: string, idCell: string) =>
      worksheetXml(
        row(1, cell('A1', title, { type: 'inlineStr' })) +
          row(2, [cell('A2', '户编号', { type: 'inlineStr' }), cell('B2', '行政区划代码', { type: 'inlineStr' }), cell('C2', '户类型', { type: 'inlineStr' }), cell('D2', '内部备注', { type: 'inlineStr' }), cell('E2', '家庭成员', { type: 'inlineStr' })].join('')) +
          row(3, [cell('E3', '姓名', { type: 'inlineStr' }), cell('F3', '公民身份号码', { type: 'inlineStr' }), cell('G3', '与户主的关系', { type: 'inlineStr' })].join('')) +
          row(4, [cell('A4', no, { type: 'inlineStr' }), cell('B4', village, { type: 'inlineStr' }), cell('C4', '脱贫户', { type: 'inlineStr' }), cell('D4', '不要导入', { type: 'inlineStr' }), cell('E4', name, { type: 'inlineStr' }), idCell, cell('G4', '户主', { type: 'inlineStr' })].join('')) +
          row(5, [cell('A5', '合计', { type: 'inlineStr' }), cell('C5', '1户', { type: 'inlineStr' })].join('')),
        '<col min="4" max="4" hidden="1"/>',
        '<mergeCells count="3"><mergeCell ref="A1:G1"/><mergeCell ref="E2:G2"/><mergeCell ref="A2:A3"/></mergeCells>',
      );
    const body = buildXlsx({
      sheets: [
        { name: '冠县', xml: sheet('冠县花名册', '371525101001', '3715251010010701', '甲一', cell('F4', heads[0]!, { type: 'inlineStr' })) },
        { name: '莘县', xml: sheet('莘县花名册', '371522101001', '3715221010010702', '乙二', cell('F4', Number(heads[1]))) },
      ],
    });
    const first = await upload(guan, '两县.xlsx', body);
    expect(first.sheets.map((s) => s.name)).toEqual(['冠县', '莘县']);
    expect(first.selectedSheets).toEqual(['冠县']);
    expect(first.headerRows).toEqual([2, 3]);
    expect(first.columns.find((c) => c.letter === 'D')).toMatchObject({ hidden: true });
    expect(first.columns.find((c) => c.letter === 'F')).toMatchObject({ header: '家庭成员/公民身份号码', field: 'idNumber' });
    expect(first.summary).toMatchObject({ rows: 1, errors: 0, skipped: { notesOrTotals: 1 } });

    await guan.post(`/api/imports/${first.id}/options`, { sheets: ['冠县', '莘县'] });
    await t.importRunner.idle();
    const both = await job(guan, first.id);
    expect(both.summary).toMatchObject({ rows: 2, households: { new: 1, rejected: 1 } });
    const found = (await issues(guan, first.id)).items;
    // The 莘县 sheet's ID was typed into a number cell; it is named by sheet and row.
    expect(found[0]).toMatchObject({ rowNumber: 4, column: 'F', code: 'ID_DAMAGED_BY_EXCEL' });
    expect(found[0]!.message).toContain('Excel');
  });

  it('finds the village by its county, township and village names, and warns of rows that disagree', async () => {
    const head = id('1958-02-02');
    const text = [
      '县,乡镇,村,户主身份证号,户类型,住房安全等级,家庭人口数,姓名,身份证号,与户主关系',
      `冠县,东古城镇,后村,${head},脱贫户,A级,3,许大,${head},户主`,
      `冠县,东古城镇,后村,${head},脱贫户,B级,3,许二,${id('1988-03-03')},子`,
    ].join('\n');
    const j = await upload(guan, 'names.csv', Buffer.from(text));
    expect(j.summary).toMatchObject({ errors: 0, warnings: 2, households: { new: 1 } });
    const codes = (await issues(guan, j.id)).items.map((i) => [i.rowNumber, i.code]);
    expect(codes).toEqual([
      [2, 'SIZE_MISMATCH'],
      [3, 'HOUSEHOLD_FIELD_CONFLICT'],
    ]);
    await commit(guan, j.id, 'all_or_nothing');
    const [m] = await t.db.select().from(members).where(eq(members.idNumber, head));
    const [hh] = await t.db.select().from(households).where(eq(households.id, m!.householdId));
    expect(hh).toMatchObject({ areaId: city.guanV2.id, housingGrade: 'A' });
  });

  it('finds someone already in another household of the registry', async () => {
    const actor = (await makeUser(t.db, 'county_office', city.guan.id)).actor;
    const person = memberInput({ idNumber: id('1985-05-05') });
    await makeHousehold(t.db, actor, city.guanV1.id, {}, [person]);
    const text = ['户编号,行政区划代码,户类型,姓名,身份证号,与户主关系', `3715251010010777,371525101001,脱贫户,某人,${person.idNumber},户主`].join('\n');
    const j = await upload(guan, 'x.csv', Buffer.from(text));
    expect((await issues(guan, j.id)).items.map((i) => i.code)).toEqual(['PERSON_IN_OTHER_HOUSEHOLD']);
  });

  it('refuses an old .xls with a message saying to save as .xlsx', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
    const j = await upload(guan, '花名册.xls', ole);
    expect(j.status).toBe('failed');
    expect(j.failure!.message).toContain('.xlsx');
  });

  it('says which required columns are missing, and imports once the user maps them', async () => {
    const text = ['户编号,行政区划代码,户类型,名字,证号,与户主关系', `3715251010010555,371525101001,脱贫户,林一,${id('1977-07-07')},户主`].join('\n');
    const j = await upload(guan, 'cols.csv', Buffer.from(text));
    expect(j.status).toBe('failed');
    expect(j.missingRequired.sort()).toEqual(['idNumber', 'name']);
    const res = await guan.post(`/api/imports/${j.id}/options`, { mapping: { '3': 'name', '4': 'idNumber' } });
    expect(res.statusCode, res.body).toBe(202);
    await t.importRunner.idle();
    const again = await job(guan, j.id);
    expect(again.status).toBe('previewed');
    expect(again.summary).toMatchObject({ errors: 0, households: { new: 1 } });

    // The mapping, saved as a template, maps next month's file by its headings.
    const tpl = await guan.post('/api/import-templates', { name: '某乡花名册', jobId: j.id });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const next = await upload(guan, 'cols-12.csv', Buffer.from(text.replace('3715251010010555', '3715251010010556').replace(/37152519770707\d{4}/, id('1978-08-08'))));
    expect(next.status).toBe('failed');
    await guan.post(`/api/imports/${next.id}/options`, { templateId: tpl.json<{ id: number }>().id });
    await t.importRunner.idle();
    expect((await job(guan, next.id)).status).toBe('previewed');
  });
});
