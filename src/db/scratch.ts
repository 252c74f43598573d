/** Scratch databases for tests and benchmarks: a fresh database on the server (created, migrated, dropped) or PGlite. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from './client.js';

export type ScratchDatabase = Database & {
  /** The scratch database's own URL (server only), for child processes. */
  url: string | undefined;
  dispose(): Promise<void>;
};

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A migrated, empty database: on the server at `serverUrl` when given, else PGlite — in memory (tests), or in a
 * temporary folder (`pglite: 'file'`, benchmarks: as `npm start` runs it; measured faster than in memory, e.g. the
 * city's member rules with department lists 5.3 s vs 7.8 s).
 */
export async function scratchDatabase(serverUrl: string | undefined, poolSize = 8, prefix = 'jz_bench', pglite: 'memory' | 'file' = 'memory'): Promise<ScratchDatabase> {
  if (!serverUrl) {
    const dir = pglite === 'file' ? await mkdtemp(path.join(tmpdir(), `${prefix}-`)) : undefined;
    const database = await openDatabase({ dataDir: dir });
    await database.migrate();
    return {
      ...database,
      url: undefined,
      dispose: async () => {
        await database.close();
        if (dir) await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    dispose: async () => {
      await database.close();
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * A named database on the server kept between benchmark runs (`--keep-database NAME`): created and migrated when
 * missing, never dropped, so a million generated households are generated once.
 */
export async function keptDatabase(serverUrl: string, name: string, poolSize = 8): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name}: lower-case letters, digits and _ only`);
  const exists = await admin(serverUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
  if (!exists) await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize });
  await database.migrate();
  return { ...database, url: url.toString(), dispose: () => database.close() };
}
