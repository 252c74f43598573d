import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts the real server the way `npm start` does (bin/jingzhun.mjs serve) on a fresh PGlite folder with a small
 * demo city, and hands its URL to the tests. The web client must have been built (npm run build:web).
 */
let server: ChildProcess | undefined;
let dataDir = '';

export async function setup(project: TestProject) {
  if (!fs.existsSync(path.resolve('web/dist/index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-e2e-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  server = spawn(process.execPath, ['bin/jingzhun.mjs', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', JINGZHUN_DATA_DIR: dataDir, JINGZHUN_DEMO_HOUSEHOLDS: '400', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode != null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', base);
}

export async function teardown() {
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
