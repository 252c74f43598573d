import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, logIn, problemAction } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

// An education rule that finds exactly the households the test marks (helper cadre = MARKER).
const MARKER = 'E2E整改帮扶人';
const CODE = `E2P-${Date.now().toString(36).toUpperCase().slice(-8)}`;

const poll = <T>(read: () => Promise<T>, timeout = 20_000) => expect.poll(read, { timeout, interval: 250 });
const field = (page: Page, id: string, tag: 'textarea' | 'input') => page.locator(`${tag}[data-testid="${id}"], [data-testid="${id}"] ${tag}`).first();

/** Two households get the marker, the city office adds the rule (department 教体) and runs it: two problems. */
async function seedProblems(): Promise<number[]> {
  const city = await apiAs(base, 'city');
  const list = await city<{ items: { id: number }[] }>('/api/households?pageSize=2&sort=householdNo');
  for (const h of list.items) {
    const { version } = await city<{ version: number }>(`/api/households/${h.id}`);
    await city(`/api/households/${h.id}`, { method: 'PATCH', body: JSON.stringify({ version, helperName: MARKER }) });
  }
  await city('/api/rules', {
    method: 'POST',
    body: JSON.stringify({
      code: CODE,
      titleZh: 'E2E 适龄儿童未入学',
      titleEn: 'E2E child not enrolled',
      severity: 'high',
      subject: 'household',
      department: 'education',
      populationZh: '全部农户',
      explanationZh: '浏览器测试：帮扶责任人为测试标记的农户。',
      appliesTo: null,
      condition: `household.helper_name = '${MARKER}'`,
      note: 'E2E',
    }),
  });
  await city(`/api/rules/${CODE}/preview`, { method: 'POST', body: '{}' });
  await city(`/api/rules/${CODE}/enable`, { method: 'POST', body: '{}' });
  const run = await city<{ id: number }>('/api/rule-runs', { method: 'POST', body: JSON.stringify({ ruleCode: CODE }) });
  await poll(async () => (await city<{ status: string }>(`/api/rule-runs/${run.id}`)).status, 90_000).toBe('done');
  const problems = await city<{ items: { id: number; department: string; state: string }[] }>(`/api/problems?ruleCode=${CODE}&pageSize=10`);
  expect(problems.items.map((p) => [p.department, p.state])).toEqual([
    ['education', 'pending'],
    ['education', 'pending'],
  ]);
  return problems.items.map((p) => p.id).sort((a, b) => a - b);
}

const step = problemAction;

const stateOf = (page: Page) => page.getByTestId('problem-state').getAttribute('data-state');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the rectification workflow in the browser', () => {
  it('the education officer confirms, sets a deadline and reports rectified; the city office closes one off and returns the other', async () => {
    const [first, second] = await seedProblems();
    const officer = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(officer, base, 'education');
    // The inbox badge in the header counts what waits (at least the two new problems).
    await poll(async () => Number((await officer.getByTestId('header-inbox').locator('xpath=..').innerText()).match(/\d+/)?.[0] ?? 0)).toBeGreaterThanOrEqual(2);

    for (const id of [first!, second!]) {
      await officer.goto(`${base}/problems?ruleCode=${CODE}&problem=${id}`);
      await officer.getByTestId('problem-state').waitFor();
      expect(await stateOf(officer)).toBe('pending');
      await step(officer, id, 'confirm');
      await poll(() => stateOf(officer)).toBe('confirmed');
      await step(officer, id, 'set_deadline', async (p) => {
        const input = field(p, 'problem-action-deadline', 'input');
        await input.click();
        await input.fill('2099-12-31');
        await input.press('Enter');
      });
      await poll(() => stateOf(officer)).toBe('rectifying');
      await step(officer, id, 'rectify', async (p) => field(p, 'problem-action-evidence', 'textarea').fill('已联系学校，孩子已返校就读'));
      await poll(() => stateOf(officer)).toBe('rectified');
    }
    // The officer cannot close off: no such button.
    expect(await officer.getByTestId('problem-do-close_off').count()).toBe(0);

    const office = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(office, base, 'city');
    await office.goto(`${base}/problems?ruleCode=${CODE}&problem=${first}`);
    await office.getByTestId('problem-state').waitFor();
    await step(office, first!, 'close_off');
    await poll(() => stateOf(office)).toBe('closed_off');
    await office.getByTestId('problem-history-close_off').waitFor();
    expect(await office.getByTestId('problem-history').innerText()).toContain('已联系学校');

    await office.goto(`${base}/problems?ruleCode=${CODE}&problem=${second}`);
    await office.getByTestId('problem-state').waitFor();
    await poll(() => stateOf(office)).toBe('rectified');
    await step(office, second!, 'return', async (p) => field(p, 'problem-action-reason', 'textarea').fill('缺少学校出具的在读证明'));
    await poll(() => stateOf(office)).toBe('rectifying');

    // Back with the officer, as 被退回 in the list.
    await officer.goto(`${base}/problems?returned=true`);
    await officer.getByTestId(`problem-row-${second}`).waitFor();
    expect(await officer.getByTestId(`problem-row-${first}`).count()).toBe(0);
  });
});
