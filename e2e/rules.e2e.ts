import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;

// A value no demo household has, put on two households by the test so the new rule finds exactly those.
const MARKER = 'E2E核查帮扶人';
const CODE = `E2E-${Date.now().toString(36).toUpperCase().slice(-8)}`;

/** Two households of one county get the marker as their helper cadre, the way an office would edit them. */
async function markHouseholds(county: string, n: number) {
  const city = await apiAs(base, 'city');
  const [area] = await city<{ id: number }[]>(`/api/areas/search?level=county&q=${encodeURIComponent(county)}`);
  const list = await city<{ items: { id: number; householdNo: string }[] }>(`/api/households?areaId=${area!.id}&pageSize=${n}&sort=-householdNo`);
  for (const h of list.items) {
    const { version } = await city<{ version: number }>(`/api/households/${h.id}`);
    const saved = await city<{ helperName: string }>(`/api/households/${h.id}`, { method: 'PATCH', body: JSON.stringify({ version, helperName: MARKER }) });
    expect(saved.helperName).toBe(MARKER);
  }
  return list.items;
}

/** The <textarea> behind a test id, whether antd put the id on it or on its wrapper. */
function textarea(page: Page, id: string) {
  return page.locator(`textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();
}

/** Pages load their data after they render: give them longer than expect.poll's one-second default. */
const poll = <T>(read: () => Promise<T>, timeout = 20_000) => expect.poll(read, { timeout, interval: 250 });

const waitForApi = (page: Page, method: string, path: RegExp) => page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('rules, runs and findings in the browser', () => {
  it('the city office writes a rule, fixes its mistake, previews, enables and runs it, and exempts a finding', async () => {
    const marked = await markHouseholds('临清市', 2);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(page, base, 'city');

    await page.getByTestId('menu-checks').click();
    await page.getByTestId('menu-rules').click();
    await page.waitForURL('**/rules');
    await page.getByTestId('rule-new').click();
    await page.waitForURL('**/rules/new');

    await page.getByTestId('rule-code').fill(CODE);
    await page.getByTestId('rule-title-zh').fill('E2E 帮扶责任人为测试人员');
    await page.getByTestId('rule-title-en').fill('E2E helper is the test cadre');
    await page.getByTestId('rule-population').fill('全部农户');
    await page.getByTestId('rule-explanation').fill('浏览器测试建立的规则：帮扶责任人为测试标记的农户。');
    // A misspelt field: the checker names it and the editor underlines exactly that text.
    const wrong = `household.helper_nme = '${MARKER}'`;
    await textarea(page, 'rule-condition').fill(wrong);
    await page.getByTestId('rule-check').click();
    const error = page.getByTestId('rule-condition-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('unknown_field');
    expect(await error.innerText()).toContain('household.helper_nme');
    expect(await page.getByTestId('rule-condition-error-mark').innerText()).toBe('household.helper_nme');

    // Fixed through the field picker: the field is inserted at the caret, the rest typed after it.
    await textarea(page, 'rule-condition').fill('');
    await page.getByTestId('picker-search').fill('helper_name');
    await page.getByTestId('picker-item-household.helper_name').click();
    await poll(() => textarea(page, 'rule-condition').inputValue()).toBe('household.helper_name');
    await page.keyboard.type(` = '${MARKER}'`);
    expect(await textarea(page, 'rule-condition').inputValue()).toBe(`household.helper_name = '${MARKER}'`);
    expect(await page.getByTestId('rule-condition-error').count()).toBe(0);

    // Draft preview: the live data, nothing recorded.
    await page.getByTestId('rule-preview').click();
    await page.getByTestId('preview-result').waitFor();
    expect(await page.getByTestId('preview-result').getAttribute('data-kind')).toBe('draft');
    expect(Number(await page.getByTestId('preview-count').innerText())).toBe(marked.length);
    expect(await page.getByTestId('preview-sample').innerText()).toContain(marked[0]!.householdNo);

    await page.getByTestId('rule-note').fill('E2E 新建规则');
    const created = waitForApi(page, 'POST', /^\/api\/rules$/);
    await page.getByTestId('rule-save').click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(`**/rules/${CODE}`);
    expect(await page.getByTestId('rule-state').getAttribute('data-enabled')).toBe('false');
    // Switching on waits for a preview of the stored version.
    expect(await page.getByTestId('rule-toggle').isDisabled()).toBe(true);

    const recorded = waitForApi(page, 'POST', new RegExp(`^/api/rules/${CODE}/preview$`));
    await page.getByTestId('rule-preview').click();
    expect((await recorded).status()).toBe(200);
    await poll(() => page.getByTestId('preview-result').getAttribute('data-kind')).toBe('rule');
    expect(Number(await page.getByTestId('preview-count').innerText())).toBeGreaterThan(0);
    await poll(() => page.getByTestId('rule-toggle').isDisabled()).toBe(false);
    await page.getByTestId('rule-toggle').click();
    await poll(() => page.getByTestId('rule-state').getAttribute('data-enabled')).toBe('true');

    // Run it for the whole city and watch the run to its end.
    await page.getByTestId('rule-run').click();
    await page.getByTestId('run-submit').click();
    await page.waitForURL(/\/rule-runs\/\d+$/);
    await poll(() => page.getByTestId('run-status').getAttribute('data-status'), 90_000).toBe('done');
    expect(await page.getByTestId('run-count-new').innerText()).toBe(String(marked.length));
    await page.getByTestId(`run-rule-${CODE}`).waitFor();

    // Its findings, filtered by the rule.
    await page.getByTestId('run-findings').click();
    await page.waitForURL(/\/findings\?/);
    expect(new URL(page.url()).searchParams.get('ruleCode')).toBe(CODE);
    const rows = page.locator('[data-testid^="finding-row-"]');
    await poll(() => rows.count()).toBe(marked.length);
    await poll(() => page.getByTestId('summary-open').innerText()).toBe(String(marked.length));

    await rows.first().click();
    await page.getByTestId('finding-status').waitFor();
    expect(await page.getByTestId('finding-status').getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('finding-drawer').getByTestId('evidence').innerText()).toContain('帮扶责任人');
    await page.getByTestId('finding-exempt').click();
    await page.getByTestId('exempt-reason').fill('E2E 经入户核实，帮扶责任人信息属实');
    const exempted = waitForApi(page, 'POST', new RegExp(`^/api/rules/${CODE}/exemptions$`));
    await page.getByTestId('exempt-submit').click();
    expect((await exempted).status()).toBe(201);
    await poll(() => page.getByTestId('finding-status').getAttribute('data-status')).toBe('exempted');
    await page.getByTestId('finding-exemption').waitFor();
    await poll(() => page.getByTestId('summary-exempted').innerText()).toBe('1');
    await poll(() => page.getByTestId('summary-open').innerText()).toBe(String(marked.length - 1));

    // The household page lists the finding too.
    await page.getByTestId('finding-household-link').click();
    await page.waitForURL(/\/households\/\d+$/);
    await poll(() => page.getByTestId('household-findings').innerText()).toContain(CODE);
    await page.close();
  });

  it('a county office reads the catalogue and a rule but is offered no editing', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await logIn(page, base, 'guanxian');
    // The catalogue has more rules than a page: find the one by its code.
    await page.goto(`${base}/rules?q=HHM-001`);
    await page.getByTestId('rule-row-HHM-001').waitFor();
    expect(await page.getByTestId('rule-view-HHM-001').count()).toBe(1);
    expect(await page.locator('[data-testid^="rule-edit-"]').count()).toBe(0);
    expect(await page.getByTestId('rule-new').count()).toBe(0);
    expect(await page.locator('[data-testid^="rule-toggle-"]').count()).toBe(0);

    await page.getByTestId('rule-view-HHM-001').click();
    await page.waitForURL('**/rules/HHM-001');
    await poll(() => textarea(page, 'rule-condition').inputValue()).toContain('household.poverty_attribute');
    expect(await page.getByTestId('rule-save').count()).toBe(0);
    expect(await page.getByTestId('rule-toggle').count()).toBe(0);
    expect(await textarea(page, 'rule-condition').isDisabled()).toBe(true);
    await page.close();
  });
});
