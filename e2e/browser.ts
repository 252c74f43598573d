import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, never a downloaded browser; flags keep it off the (closed) network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DEMO_PASSWORD = 'Jingzhun@2020';

export async function logIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Talks to the API as a given user, to find test data the way an office would know it (a real ID number, a village). */
export async function apiAs(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return async <T>(path: string, init: RequestInit = {}) => {
    const r = await fetch(`${baseUrl}${path}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return (await r.json()) as T;
  };
}

/** In an open problem drawer (整改流程): clicks one action, fills what it asks for and waits for the step to be saved. */
export async function problemAction(page: Page, id: number, action: string, fill: (page: Page) => Promise<void> = async () => {}) {
  await page.getByTestId(`problem-do-${action}`).click();
  await fill(page);
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/problems/${id}/actions`);
  await page.getByTestId('problem-action-ok').click();
  const res = await saved;
  if (res.status() !== 200) throw new Error(`${action} on problem ${id}: ${res.status()} ${await res.text()}`);
}
