import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, logIn, problemAction } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

// Later than the demo's own snapshots (31 August) and run on a later date than the default, so the other browser
// tests, which run on the default reference date, keep seeing the demo's enrolment list.
const AS_OF = '2020-09-15';
const RUN_ON = '2020-09-20';

const poll = <T>(read: () => Promise<T>, timeout = 30_000) => expect.poll(read, { timeout, interval: 250 });
const dateInput = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const field = (page: Page, id: string, tag: 'textarea' | 'input') => page.locator(`${tag}[data-testid="${id}"], [data-testid="${id}"] ${tag}`).first();

/** A pupil the registry says is in school, as the city office knows them (full ID number). */
async function pupil(): Promise<{ name: string; idNumber: string; birthDate: string }> {
  const city = await apiAs(base, 'city');
  const list = await city<{ items: { id: number }[] }>('/api/households?pageSize=100');
  type Detail = { members: { id: number; name: string; birthDate: string; schoolStatus: string | null; endedOn: string | null }[] };
  for (const h of list.items) {
    const detail = await city<Detail>(`/api/households/${h.id}`);
    const m = detail.members.find((x) => !x.endedOn && ['primary', 'junior'].includes(x.schoolStatus ?? ''));
    if (!m) continue;
    const { idNumber } = await city<{ idNumber: string }>(`/api/members/${m.id}/reveal-id`, { method: 'POST', body: '{}' });
    return { name: m.name, idNumber, birthDate: m.birthDate };
  }
  throw new Error('no pupil in the demo registry');
}

async function enrolmentList(p: { name: string; idNumber: string; birthDate: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学籍');
  ws.addRow(['2020年秋季学期学籍异动名单']);
  ws.addRow(['序号', '学生姓名', '身份证号码', '出生日期', '就读学校', '学籍状态']);
  ws.addRow([1, p.name, p.idNumber, p.birthDate, '实验小学', '辍学']);
  ws.getColumn(3).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const act = problemAction;

const stateOf = (page: Page) => page.getByTestId('problem-state').getAttribute('data-state');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('department comparison in the browser', () => {
  it('takes one problem from the department’s upload, through the comparison run, to 销号', async () => {
    const child = await pupil();

    // 1. The city office uploads the education bureau's list: the pupil dropped out.
    const office = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(office, base, 'city');
    await office.goto(`${base}/departments`);
    await office.getByTestId('dept-upload-school_enrolment').click();
    await dateInput(office, 'dept-upload-asof').click();
    await dateInput(office, 'dept-upload-asof').fill(AS_OF);
    await dateInput(office, 'dept-upload-asof').press('Enter');
    await office.getByTestId('dept-upload-file').locator('input[type=file]').setInputFiles({
      name: '学籍异动.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await enrolmentList(child),
    });
    await office.getByTestId('dept-upload-chosen').waitFor();
    await office.getByTestId('dept-upload-submit').click();
    await office.waitForURL(/\/departments\/snapshots\/\d+$/);
    await office.locator('[data-testid="dept-snapshot-status"][data-status="previewed"]').waitFor({ timeout: 60_000 });
    await office.getByTestId('dept-commit').click();
    await office.locator('[data-testid="dept-snapshot-status"][data-status="committed"]').waitFor();

    // 2. It runs the education comparison on a date the new list is in force.
    await office.goto(`${base}/rules`);
    await office.getByTestId('rules-run-all').click();
    await office.getByTestId('run-which-departments').click();
    await office.getByTestId('run-departments').click();
    await office.locator('.ant-select-item-option', { hasText: '教体' }).first().click();
    await office.locator('.ant-modal-title').click();
    await dateInput(office, 'run-date').click();
    await dateInput(office, 'run-date').fill(RUN_ON);
    await dateInput(office, 'run-date').press('Enter');
    await office.getByTestId('run-submit').click();
    await office.waitForURL(/\/rule-runs\/\d+$/);
    await office.locator('[data-testid="run-status"][data-status="done"]').waitFor({ timeout: 90_000 });

    // 3. The problem is the education bureau's: its officer confirms it, sets a deadline and reports it fixed.
    const city = await apiAs(base, 'city');
    const found = await city<{ items: { id: number; department: string; state: string; memberName: string }[] }>(`/api/problems?ruleCode=CMP-002&pageSize=50`);
    const problem = found.items.find((p) => p.memberName === child.name);
    expect(problem).toMatchObject({ department: 'education', state: 'pending' });
    const officer = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(officer, base, 'education');
    await officer.goto(`${base}/problems?ruleCode=CMP-002&problem=${problem!.id}`);
    await officer.getByTestId('problem-state').waitFor();
    await act(officer, problem!.id, 'confirm');
    await poll(() => stateOf(officer)).toBe('confirmed');
    await act(officer, problem!.id, 'set_deadline', async (p) => {
      const input = field(p, 'problem-action-deadline', 'input');
      await input.click();
      await input.fill('2099-12-31');
      await input.press('Enter');
    });
    await poll(() => stateOf(officer)).toBe('rectifying');
    await act(officer, problem!.id, 'rectify', async (p) => field(p, 'problem-action-evidence', 'textarea').fill('已劝返复学，学籍已恢复'));
    await poll(() => stateOf(officer)).toBe('rectified');

    // 4. The office reviews it and closes it off (销号).
    await office.goto(`${base}/problems?ruleCode=CMP-002&problem=${problem!.id}`);
    await office.getByTestId('problem-state').waitFor();
    await act(office, problem!.id, 'close_off');
    await poll(() => stateOf(office)).toBe('closed_off');
    expect(await office.getByTestId('problem-history').innerText()).toContain('已劝返复学');
  });
});
