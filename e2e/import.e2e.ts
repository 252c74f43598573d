import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../src/domain/id-number.js';
import { apiAs, launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const api = (username: string) => apiAs(base, username);

/** A village of 冠县, found the way the county office sees its own area tree. */
async function guanxianVillage(): Promise<{ code: string; name: string }> {
  const get = await api('guanxian');
  type Area = { id: number; code: string; name: string; level: string };
  const [county] = await get<Area[]>('/api/areas/children');
  expect(county!.name).toBe('冠县');
  const [township] = await get<Area[]>(`/api/areas/children?parentId=${county!.id}`);
  const villages = await get<Area[]>(`/api/areas/children?parentId=${township!.id}`);
  const village = villages.find((v) => v.level === 'village')!;
  expect(village.code).toMatch(/^\d{12}$/);
  return village;
}

const HEADER = ['户编号', '行政区划代码', '户主姓名', '户类型', '贫困户属性', '主要致贫原因', '住房安全等级', '姓名', '身份证号', '与户主关系', '健康状况', '是否享受低保'];
const ID_COLUMN = HEADER.indexOf('身份证号') + 1;
type Row = (string | number | null)[];

/** A roster as offices keep it: a title row, then the header; `numericId` rows hold the ID as a number cell. */
async function roster(rows: Row[], numericId: number[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['冠县脱贫户家庭成员花名册（E2E）']);
  ws.addRow(HEADER);
  rows.forEach((r, i) => {
    const row = ws.addRow(r);
    if (numericId.includes(i)) row.getCell(ID_COLUMN).value = Number(r[ID_COLUMN - 1]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function uploadInWizard(page: Page, name: string, body: Buffer): Promise<number> {
  await page.goto(`${base}/imports/new`);
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: body,
  });
  await page.waitForURL(/\/imports\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await page.locator('[data-testid="import-status"][data-status="previewed"]').waitFor({ timeout: 60_000 });
  return id;
}

const summary = async (page: Page, key: string) => Number(await page.getByTestId(`import-summary-${key}`).getAttribute('data-value'));

describe('importing a household roster in the browser', () => {
  it('a county officer finds the errors, downloads them, fixes the file, imports it and finds the new household', async () => {
    const village = await guanxianVillage();
    const no = (n: number) => `${village.code}99${String(n).padStart(2, '0')}`;
    // Sequences from 901 up stay clear of the demo's own numbers; odd = male, even = female.
    const ids = {
      head1: makeIdNumber('371525', '1958-04-12', 901),
      wife1: makeIdNumber('371525', '1960-09-30', 902),
      head2: makeIdNumber('371525', '1949-12-01', 903),
      head3: makeIdNumber('371525', '1966-02-18', 905),
      son3: makeIdNumber('371525', '1992-07-07', 907),
    };
    const badCheck = ids.son3.slice(0, 17) + (ids.son3[17] === '0' ? '1' : '0');
    const household = ['脱贫户', '一般脱贫户', '因病', 'A级'];
    const rows = (son3: string): Row[] => [
      [no(1), village.code, '王测一', ...household, '王测一', ids.head1, '户主', '健康', '否'],
      [no(1), village.code, '王测一', null, null, null, null, '李测一', ids.wife1, '配偶', '长期慢性病', '否'],
      [no(2), village.code, '赵测二', ...household, '赵测二', ids.head2, '户主', '健康', '否'],
      [no(3), village.code, '孙测三', ...household, '孙测三', ids.head3, '户主', '健康', '否'],
      [no(3), village.code, '孙测三', null, null, null, null, '孙小三', son3, '之子', '健康', '否'],
    ];

    const page = await browser.newPage();
    await logIn(page, base, 'guanxian');
    await page.getByTestId('menu-imports').click();
    await page.waitForURL('**/imports');
    await page.getByTestId('import-new').click();
    await page.waitForURL('**/imports/new');

    // Row 5 (赵测二) holds the ID as an Excel number; row 7 (孙小三) has a wrong check character.
    const damagedId = await uploadInWizard(page, '冠县花名册-有错.xlsx', await roster(rows(badCheck), [2]));
    expect(await summary(page, 'errors')).toBeGreaterThanOrEqual(2);
    expect(await summary(page, 'households-rejected')).toBe(2);
    expect(await summary(page, 'households-new')).toBe(1);
    const issueRows = page.getByTestId('import-issue-row');
    await issueRows.first().waitFor();
    const issues = await issueRows.allInnerTexts();
    const issueAt = (row: number, words: string) => issues.some((text) => text.split('\t')[0] === String(row) && text.includes(words));
    expect(issueAt(5, '存为数字')).toBe(true);
    expect(issueAt(7, '校验码')).toBe(true);
    expect(issueAt(6, '整户暂不导入')).toBe(true);

    // "All or nothing" with errors: the server refuses and the wizard says why.
    await page.getByTestId('import-commit-mode-all_or_nothing').click();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-commit-error').waitFor();
    expect(await page.getByTestId('import-commit-error').innerText()).toContain('全部成功才导入');

    // The error file: the header, the rejected rows as uploaded (the held-back head of 孙 too) and 错误原因.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-error-file').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    const headerRow = [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((r) => values(r).includes('姓名'))!;
    const heading = values(headerRow);
    expect(heading.slice(0, HEADER.length)).toEqual(HEADER);
    expect(heading.at(-1)).toBe('错误原因');
    const data = [...Array(sheet.rowCount - headerRow).keys()].map((i) => values(headerRow + 1 + i)).filter((r) => r.some((v) => v != null && v !== ''));
    expect(data.map((r) => r[HEADER.indexOf('姓名')]).sort()).toEqual(['孙小三', '孙测三', '赵测二'].sort());
    for (const r of data) expect(String(r.at(-1) ?? '')).not.toBe('');
    expect(data.find((r) => r[HEADER.indexOf('姓名')] === '孙小三')![HEADER.indexOf('身份证号')]).toBe(badCheck);

    // The corrected roster (IDs as text, the right check character) checks clean and imports whole.
    await page.getByTestId('import-upload-another').click();
    await page.waitForURL('**/imports/new');
    const jobId = await uploadInWizard(page, '冠县花名册-已改.xlsx', await roster(rows(ids.son3)));
    expect(jobId).not.toBe(damagedId);
    expect(await summary(page, 'errors')).toBe(0);
    expect(await summary(page, 'households-new')).toBe(3);
    expect(await summary(page, 'members-new')).toBe(5);
    expect(await page.getByTestId('import-issue-row').count()).toBe(0);
    await page.getByTestId('import-commit-mode-all_or_nothing').click();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="import-status"]').getAttribute('data-status')).toBe('committed');
    expect(await page.getByTestId('import-result-householdsCreated').getAttribute('data-value')).toBe('3');
    expect(await page.getByTestId('import-result-membersCreated').getAttribute('data-value')).toBe('5');
    expect(await page.getByTestId('import-result-batch').innerText()).toContain(`import-${jobId}`);

    // The new household is in the registry, found by the son's ID number.
    await page.getByTestId('import-to-households').click();
    await page.waitForURL('**/households');
    await page.getByTestId('household-search').fill(ids.son3);
    await page.getByTestId('household-search').press('Enter');
    const found = page.locator('[data-testid^="household-row-"]').filter({ hasText: '孙测三' });
    await found.first().waitFor();
    expect(await found.first().innerText()).toContain(no(3));
    await page.close();
  });

  it('works on a phone: upload, steps stacked, wide tables scrolling inside the page', async () => {
    const village = await guanxianVillage();
    const head = makeIdNumber('371525', '1955-05-05', 911);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, base, 'guanxian');
    const body = await roster([[`${village.code}9911`, village.code, '周手机', '脱贫户', '一般脱贫户', '因病', 'A级', '周手机', head, '户主', '健康', '否']]);
    await uploadInWizard(page, '手机上传.xlsx', body);
    expect(await summary(page, 'households-new')).toBe(1);
    await page.locator('.ant-steps-vertical').first().waitFor();
    // A string, since the e2e files compile without the DOM library.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await page.goto(`${base}/imports`);
    await page.locator('[data-testid^="import-job-"]').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(1);
    await context.close();
  });
});
