import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../domain/id-number.js';
import { signIn, testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput, newIdNumber } from '../../test/factories.js';

/** The list exports (households, users, audit trail) as a county office reads them back in Excel. */
let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
let guan: Awaited<ReturnType<typeof signIn>>;
let guanCadre: Awaited<ReturnType<typeof signIn>>;
let shen: Awaited<ReturnType<typeof signIn>>;
const guanId = newIdNumber('1950-01-01', 'male', '371525');
const shenId = newIdNumber('1960-02-02', 'female', '371522');
const GUAN_NO = 'GUAN-0001';
const SHEN_NO = 'SHEN-0001';

beforeAll(async () => {
  t = await testApp();
  city = await makeCity(t.db);
  const guanOffice = await makeUser(t.db, 'county_office', city.guan.id, { username: 'guan_office', canRevealIds: true });
  await makeUser(t.db, 'village_cadre', city.guanV1.id, { username: 'guan_cadre' });
  const shenOffice = await makeUser(t.db, 'county_office', city.shen.id, { username: 'shen_office' });
  await makeUser(t.db, 'village_cadre', city.shenV1.id, { username: 'shen_cadre' });
  await makeHousehold(t.db, guanOffice.actor, city.guanV1.id, { householdNo: GUAN_NO }, [memberInput({ name: '=1+2', idNumber: guanId })]);
  await makeHousehold(t.db, shenOffice.actor, city.shenV1.id, { householdNo: SHEN_NO }, [memberInput({ name: '莘户主', idNumber: shenId })]);
  guan = await signIn(t.app, 'guan_office');
  guanCadre = await signIn(t.app, 'guan_cadre');
  shen = await signIn(t.app, 'shen_office');
  // A display name that a spreadsheet would run.
  const created = await guan.post('/api/users', {
    username: 'formula_user',
    displayName: '=1+2',
    password: 'Abcdefg-123',
    role: 'village_cadre',
    areaId: city.guanV2.id,
  });
  expect(created.statusCode, created.body).toBe(201);
});
afterAll(() => t.close());

type Session = typeof guan;

async function sheetOf(session: Session, url: string) {
  const res = await session.get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''/);
  expect(res.headers['cache-control']).toBe('no-store');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from([res.rawPayload]));
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(3).values as unknown[]).slice(1) as string[];
  const rows: Record<string, ExcelJS.Cell>[] = [];
  ws.eachRow((row, n) => {
    if (n > 3) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return { ws, header, rows, text: JSON.stringify(rows.map((r) => Object.values(r).map((c) => c.value))) };
}

/** Everything the trail recorded about exports of an entity, newest first, as the auditor sees it. */
async function exportEntries(entity: string) {
  const res = await guan.get(`/api/audit?action=export&entity=${entity}&pageSize=200`);
  return res.json().items as { username: string; detail: { format: string; filters: Record<string, unknown>; rows: number; revealIds?: boolean } }[];
}

describe('household export', () => {
  it('has a title block with area, time and user, a frozen header, widths, masked IDs as text and neutralised names', async () => {
    const { ws, header, rows } = await sheetOf(guan, '/api/households/export?format=xlsx');
    expect(ws.getCell('A1').value).toBe('建档立卡户名单');
    const subtitle = String(ws.getCell('A2').value);
    expect(subtitle).toContain('区域：聊城市 / 冠县');
    expect(subtitle).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(subtitle).toContain('导出人：guan_office');
    expect(subtitle).toContain('共1户');
    expect(subtitle).toContain('身份证号已脱敏');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(header).toContain('户主身份证号');
    expect(ws.getColumn(header.indexOf('户主身份证号') + 1).width).toBe(22);

    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row['户编号']!.value).toBe(GUAN_NO);
    expect(row['户主身份证号']!.type).toBe(ExcelJS.ValueType.String);
    expect(row['户主身份证号']!.numFmt).toBe('@');
    expect(row['户主身份证号']!.value).toBe(maskIdNumber(guanId));
    expect(row['户主姓名']!.value).toBe("'=1+2");
  });

  it('gives full ID numbers only to a user with the right who asks, and records which', async () => {
    const full = await sheetOf(guan, '/api/households/export?format=xlsx&reveal=true');
    expect(full.rows[0]!['户主身份证号']!.value).toBe(guanId);
    expect(String(full.ws.getCell('A2').value)).toContain('含完整身份证号');
    const [entry] = await exportEntries('household');
    expect(entry).toMatchObject({ username: 'guan_office', detail: { format: 'xlsx', rows: 1, revealIds: true } });

    const asked = await sheetOf(guanCadre, `/api/households/export?format=xlsx&reveal=true&areaId=${city.guanV1.id}`);
    expect(asked.rows[0]!['户主身份证号']!.value).toBe(maskIdNumber(guanId));
    const [cadreEntry] = await exportEntries('household');
    expect(cadreEntry).toMatchObject({
      username: 'guan_cadre',
      detail: { rows: 1, revealIds: false, filters: { areaId: city.guanV1.id, status: 'active' } },
    });
  });

  it('writes CSV with a BOM, masked IDs and neutralised names', async () => {
    const res = await guan.get('/api/households/export?format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('建档立卡户名单');
    expect(lines[1]).toContain('导出人：guan_office');
    expect(lines[3]).toContain(`,'=1+2,${maskIdNumber(guanId)},`);
    expect(res.body).not.toContain(guanId);
  });

  it('holds nothing of another county', async () => {
    const { text } = await sheetOf(shen, '/api/households/export?format=xlsx&status=all');
    expect(text).toContain(SHEN_NO);
    expect(text).not.toContain(GUAN_NO);
    expect(text).not.toContain(maskIdNumber(guanId));
  });
});

describe('user export', () => {
  it('exports the users in scope with the list filters, Chinese labels and neutralised names', async () => {
    const { ws, header, rows } = await sheetOf(guan, '/api/users/export?format=xlsx');
    expect(ws.getCell('A1').value).toBe('用户名单');
    expect(String(ws.getCell('A2').value)).toMatch(/^区域：聊城市 \/ 冠县\u3000导出时间：.+\u3000导出人：guan_office\u3000共3人$/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(header).toEqual(['用户名', '姓名', '角色', '管辖区域', '行业部门', '电话', '可查看完整身份证号', '状态', '最近登录']);
    expect(rows.map((r) => r['用户名']!.value)).toEqual(['formula_user', 'guan_cadre', 'guan_office']);
    const formula = rows[0]!;
    expect(formula['姓名']!.value).toBe("'=1+2");
    expect(formula['角色']!.value).toBe('村干部/帮扶责任人');
    expect(formula['管辖区域']!.value).toBe('后村');
    expect(formula['状态']!.value).toBe('启用');
    expect(rows[2]!['可查看完整身份证号']!.value).toBe('是');
    expect(rows[2]!['最近登录']!.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const filtered = await sheetOf(guan, '/api/users/export?format=xlsx&role=county_office');
    expect(filtered.rows.map((r) => r['用户名']!.value)).toEqual(['guan_office']);
    const [entry] = await exportEntries('user');
    expect(entry).toMatchObject({ username: 'guan_office', detail: { format: 'xlsx', filters: { role: 'county_office' }, rows: 1 } });
  });

  it('holds nothing of another county, in xlsx or csv', async () => {
    const { text } = await sheetOf(shen, '/api/users/export?format=xlsx');
    expect(text).toContain('shen_cadre');
    expect(text).not.toContain('guan_');
    expect(text).not.toContain('formula_user');
    const csv = await shen.get('/api/users/export?format=csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('shen_office');
    expect(csv.body).not.toContain('guan_');
  });

  it('is refused to a user who may not manage users', async () => {
    expect((await guanCadre.get('/api/users/export?format=csv')).statusCode).toBe(403);
  });
});

describe('audit export', () => {
  it('exports the search with its filters, ID numbers masked, and records itself without listing itself', async () => {
    const search = await guan.get('/api/audit?entity=member&pageSize=200');
    const { ws, header, rows, text } = await sheetOf(guan, '/api/audit/export?format=xlsx&entity=member');
    expect(ws.getCell('A1').value).toBe('审计日志');
    expect(String(ws.getCell('A2').value)).toContain('导出人：guan_office');
    expect(String(ws.getCell('A2').value)).toContain('身份证号已脱敏');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(header).toEqual(['时间', '用户名', '操作', '对象类型', '对象编号', 'IP 地址', '修改前', '修改后', '详情']);
    expect(rows).toHaveLength(search.json().total);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['对象类型']!.value === '家庭成员')).toBe(true);
    expect(rows[0]!['对象编号']!.type).toBe(ExcelJS.ValueType.String);
    expect(text).toContain(maskIdNumber(guanId));
    expect(text).not.toContain(guanId);
    expect(text).not.toContain(maskIdNumber(shenId));

    const [entry] = await exportEntries('audit');
    expect(entry).toMatchObject({ username: 'guan_office', detail: { format: 'xlsx', filters: { entity: 'member' }, rows: rows.length } });
    const all = await sheetOf(guan, '/api/audit/export?format=xlsx&action=export&entity=audit');
    // The earlier export is listed, the one being made is not.
    expect(all.rows).toHaveLength(1);
    expect(all.rows[0]!['操作']!.value).toBe('导出');
  });

  it('masks ID numbers typed as a search filter of an earlier export', async () => {
    await guan.get(`/api/households/export?format=csv&q=${guanId}`);
    const csv = await guan.get('/api/audit/export?format=csv&action=export&entity=household');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain(maskIdNumber(guanId));
    expect(csv.body).not.toContain(guanId);
  });

  it('holds nothing of another county', async () => {
    const { text, rows } = await sheetOf(shen, '/api/audit/export?format=xlsx');
    expect(rows.length).toBeGreaterThan(0);
    expect(text).not.toContain('guan_');
    expect(text).not.toContain(GUAN_NO);
    expect(text).not.toContain(maskIdNumber(guanId));
  });
});
