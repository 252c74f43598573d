import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
const KEY = 'income_exit_standard';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The input behind a test id, whether antd put the id on the input itself or on its wrapper. */
function inputOf(page: Page, id: string) {
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}

/** Types a date into an antd DatePicker and confirms it, as a keyboard user would. */
async function pickDate(page: Page, id: string, date: string) {
  const input = inputOf(page, id);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** The shown value without digit grouping: "4,500元/人·年" → "4500元/人·年". */
async function shownValue(page: Page, key = KEY) {
  return (await page.getByTestId(`standard-value-${key}`).innerText()).replace(/,/g, '');
}

describe('standards in the browser', () => {
  it('the city office sets a new income standard from a date and sees each value on its dates', async () => {
    const page = await browser.newPage();
    await logIn(page, base, 'city');
    await page.goto(`${base}/standards`);
    await page.getByTestId(`standard-row-${KEY}`).waitFor();
    expect(await page.getByTestId(`standard-row-${KEY}`).innerText()).toContain('稳定脱贫收入标准');
    await expect.poll(() => shownValue(page)).toContain('4500');

    await page.getByTestId(`standard-edit-${KEY}`).click();
    const value = inputOf(page, 'standard-form-value');
    await value.waitFor();
    await value.fill('4600');
    await pickDate(page, 'standard-form-from', '2021-01-01');
    await page.getByTestId('standard-form-note').fill('E2E 2021年收入标准调整');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/standards') && r.request().method() === 'POST');
    await page.getByTestId('standard-form-submit').click();
    expect((await saved).status()).toBe(201);
    await inputOf(page, 'standard-form-value').waitFor({ state: 'detached' });

    await pickDate(page, 'standards-date', '2021-06-01');
    await expect.poll(() => shownValue(page)).toContain('4600');
    expect(await page.getByTestId(`standard-row-${KEY}`).innerText()).toContain('2021-01-01');

    await pickDate(page, 'standards-date', '2020-06-01');
    await expect.poll(() => shownValue(page)).toContain('4500');
    expect(await page.getByTestId(`standard-row-${KEY}`).innerText()).toContain('2020-12-31');

    // The history shows both periods, the new one first.
    await page.getByTestId(`standard-history-${KEY}`).click();
    const entries = page.getByTestId('standard-history-entry');
    await expect.poll(() => entries.count()).toBe(2);
    expect((await entries.first().innerText()).replace(/,/g, '')).toContain('4600');
    expect(await entries.first().innerText()).toContain('E2E 2021年收入标准调整');
    await page.close();
  });

  it('shows the server refusal (409) when a new period starts inside an earlier one', async () => {
    const page = await browser.newPage();
    await logIn(page, base, 'city');
    await page.goto(`${base}/standards`);
    await page.getByTestId(`standard-edit-${KEY}`).click();
    await inputOf(page, 'standard-form-value').fill('4700');
    await pickDate(page, 'standard-form-from', '2020-06-01');
    await page.getByTestId('standard-form-note').fill('E2E 应被拒绝');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/standards') && r.request().method() === 'POST');
    await page.getByTestId('standard-form-submit').click();
    expect((await refused).status()).toBe(409);
    await page.getByTestId('standard-form-error').waitFor();
    // The server's own words (INVALID_STATE), kept in the dialog so the officer can change the date.
    expect(await page.getByTestId('standard-form-error').innerText()).toContain('稳定脱贫收入标准');
    expect(await inputOf(page, 'standard-form-value').inputValue()).toContain('4700');
    await page.close();
  });

  it('a county office reads the standards but is not offered to set them', async () => {
    const page = await browser.newPage();
    await logIn(page, base, 'guanxian');
    await page.goto(`${base}/standards`);
    await page.getByTestId(`standard-row-${KEY}`).waitFor();
    await expect.poll(() => shownValue(page)).toMatch(/\d/);
    expect(await page.getByTestId(`standard-history-${KEY}`).count()).toBe(1);
    expect(await page.locator('[data-testid^="standard-edit-"]').count()).toBe(0);
    await page.close();
  });
});
