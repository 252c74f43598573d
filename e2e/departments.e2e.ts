import ExcelJS from 'exceljs';
import { Converter } from 'opencc-js/cn2t';
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

const toTraditional = Converter({ from: 'cn', to: 'tw' });

interface Person {
  name: string;
  idNumber: string;
  birthDate: string;
  village: string;
}

/**
 * Two registry people the way the city office finds them: one by their full ID number, and one whose name reads
 * differently in traditional characters (张 → 張), as an education bureau's old system might print it.
 */
async function registryPeople(): Promise<{ byId: Person; traditional: Person & { written: string } }> {
  const city = await apiAs(base, 'city');
  const list = await city<{ items: { id: number; villageName: string }[] }>('/api/households?pageSize=50');
  type Detail = { members: { id: number; name: string; birthDate: string; endedOn: string | null }[] };
  let byId: Person | undefined;
  for (const h of list.items) {
    const detail = await city<Detail>(`/api/households/${h.id}`);
    for (const m of detail.members.filter((x) => !x.endedOn)) {
      if (!byId) {
        const { idNumber } = await city<{ idNumber: string }>(`/api/members/${m.id}/reveal-id`, { method: 'POST', body: '{}' });
        byId = { name: m.name, idNumber, birthDate: m.birthDate, village: h.villageName };
        continue;
      }
      const written = toTraditional(m.name);
      if (written !== m.name) return { byId, traditional: { name: m.name, idNumber: '', birthDate: m.birthDate, village: h.villageName, written } };
    }
  }
  throw new Error('no registry member with a name that changes in traditional characters');
}

type Cell = string | number | null;

/** A school enrolment list as a bureau exports it: a title row above the header, its own column names. */
async function enrolmentList(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学籍');
  ws.addRow(['2020年春季学期在籍学生名单（E2E）']);
  ws.addRow(['序号', '学生姓名', '公民身份号码', '出生年月', '就读学校', '年级', '学籍状态', '所在村']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const count = async (page: Page, key: string) => Number(await page.getByTestId(`dept-count-${key}`).getAttribute('data-value'));

describe('department data in the browser', () => {
  it('the city office uploads a school list, sees its counts and bad row, commits the valid rows and opens the review', async () => {
    const { byId, traditional } = await registryPeople();
    const body = await enrolmentList([
      [1, byId.name, byId.idNumber, byId.birthDate, '实验小学', '四年级', '在校', byId.village],
      [2, traditional.written, null, traditional.birthDate, '实验小学', '三年级', '在校', traditional.village],
      [3, '缺状态', makeIdNumber('371525', '2012-03-04', 951), '2012-03-04', '实验小学', '二年级', null, byId.village],
    ]);

    const page = await browser.newPage();
    await logIn(page, base, 'city');
    await page.goto(`${base}/departments`);
    await page.getByTestId('dept-upload-school_enrolment').click();
    // Dated before the demo's own enrolment snapshot, so the one in force for other tests stays the demo's.
    const asOf = page.locator('input[data-testid="dept-upload-asof"], [data-testid="dept-upload-asof"] input').first();
    await asOf.click();
    await asOf.fill('2020-06-30');
    await asOf.press('Enter');
    await page.getByTestId('dept-upload-file').locator('input[type=file]').setInputFiles({
      name: '学籍名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: body,
    });
    await page.getByTestId('dept-upload-chosen').waitFor();
    await page.getByTestId('dept-upload-submit').click();
    await page.waitForURL(/\/departments\/snapshots\/\d+$/);
    await page.locator('[data-testid="dept-snapshot-status"][data-status="previewed"]').waitFor({ timeout: 60_000 });

    expect(await count(page, 'rows')).toBe(3);
    expect(await count(page, 'rejected')).toBe(1);
    expect(await count(page, 'idExact')).toBe(1);
    // Row 5 of the sheet (title, header, then three rows) has no 学籍状态 in column G.
    const issueRows = page.getByTestId('dept-issue-row');
    await issueRows.first().waitFor();
    const issues = await issueRows.allInnerTexts();
    expect(issues.some((text) => text.split('\t')[1] === '5' && text.split('\t')[2] === 'G'), issues.join('\n')).toBe(true);

    // The traditional-character name without an ID number is still tied (or offered) to its registry person.
    await page.getByTestId('dept-records-search').fill(traditional.written);
    await page.getByTestId('dept-records-search').press('Enter');
    const row = page.locator('tr[data-testid^="dept-record-"]', { hasText: traditional.written }).first();
    const status = await row.getByTestId('dept-match-status').getAttribute('data-status');
    expect(['auto', 'review']).toContain(status);

    await page.getByTestId('dept-commit-rejected').waitFor();
    await page.getByTestId('dept-commit-mode-valid_only').click();
    await page.getByTestId('dept-commit').click();
    await page.locator('[data-testid="dept-snapshot-status"][data-status="committed"]').waitFor();

    await page.goto(`${base}/departments`);
    await page.getByTestId('dept-to-reviews').click();
    await page.waitForURL('**/departments/reviews');
    await page.locator('[data-testid="dept-reviews"], [data-testid="dept-reviews-empty"]').first().waitFor();
    if (await page.getByTestId('dept-reviews').isVisible()) {
      // Confirming the first candidate takes the record off the waiting list.
      const card = page.locator('[data-testid="dept-reviews"] > [data-testid^="dept-review-"]').first();
      const id = (await card.getAttribute('data-testid'))!;
      const confirm = card.getByTestId('dept-review-confirm').first();
      if (await confirm.count()) {
        await confirm.click();
        await page.locator(`[data-testid="${id}"]`).waitFor({ state: 'detached' });
      }
    }
    await page.close();
  });
  it('the city office adds a dataset type of its own, and it joins the catalogue with its template', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(page, base, 'city');
    await page.goto(`${base}/departments`);
    await page.getByTestId('dept-add-type').click();
    const code = `e2e_${Date.now().toString(36)}`;
    await page.locator('#code').fill(code);
    await page.getByTestId('dept-type-department').click();
    await page.locator('.ant-select-item-option', { hasText: '教体' }).first().click();
    await page.locator('#zh').fill('土地流转登记');
    await page.locator('#en').fill('Land transfers');
    await page.locator('#description').fill('农村土地经营权流转登记');
    await page.locator('#columns_0_key').fill('area');
    await page.locator('#columns_0_label').fill('流转面积');
    await page.locator('#columns_0_labelEn').fill('Area');
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/departments/datasets');
    await page.getByTestId('dept-type-save').click();
    expect((await saved).status()).toBe(201);
    await page.getByTestId(`dept-upload-${code}`).waitFor();
    const template = await page.request.get(`${base}/api/departments/datasets/${code}/template`);
    expect(template.status()).toBe(200);
    await page.close();
  });
});
