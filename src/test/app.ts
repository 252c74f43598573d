import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../config.js';
import { buildApp } from '../http/app.js';
import { LoginThrottle } from '../modules/accounts/throttle.js';
import { ImportRunner } from '../modules/imports/runner.js';
import { testDatabase } from './database.js';
import { PASSWORD } from './factories.js';

/** The whole API on a fresh database, driven in-process with inject (no port, no browser). */
export async function testApp() {
  const database = await testDatabase();
  const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'jz-test-'));
  const config = { ...loadConfig({}), dataDir };
  const importRunner = new ImportRunner();
  const ruleRunner = new ImportRunner();
  const app = await buildApp({ database, config, throttle: new LoginThrottle(), importRunner, ruleRunner }, { serveWeb: false });
  return {
    app,
    db: database.db,
    database,
    config,
    importRunner,
    ruleRunner,
    async close() {
      await importRunner.idle();
      await ruleRunner.idle();
      await app.close();
      await database.dispose();
      await fs.promises.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** Signs in and returns a function that sends requests with that session's cookie. */
export async function signIn(app: FastifyInstance, username: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'jz_session')!;
  const send = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie: `jz_session=${cookie.value}` } });
  return {
    cookie: cookie.value,
    send,
    get: (url: string) => send({ method: 'GET', url }),
    post: (url: string, payload?: object) => send({ method: 'POST', url, payload: payload ?? {} }),
    patch: (url: string, payload: object) => send({ method: 'PATCH', url, payload }),
  };
}
