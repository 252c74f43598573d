import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** One type for both drivers: the query builder is the same, only the wire differs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What a transaction callback receives; it has the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite folder, or the server URL without its password. */
  location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; without it PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` (or undefined) keeps everything in memory, for tests. */
  dataDir?: string | undefined;
  poolSize?: number;
  /**
   * How many statements of one large job (a rule run's subjects, an area's assessment parts) may run at once on a
   * server; default JINGZHUN_DB_PARALLEL or 2. PGlite has one connection: always 1 there.
   */
  parallel?: number | undefined;
}

const PARALLEL = new WeakMap<object, number>();

/** Statements of one large job that may run at once on this database (see OpenOptions.parallel). */
export function parallelismOf(db: DbOrTx): number {
  return PARALLEL.get(db) ?? 1;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // node-postgres returns DATE as a JS Date in local time; keep it the ISO string PGlite gives, so both agree.
    pool.on('connect', () => undefined);
    // A connection the server ends while it sits idle in the pool (a server restart, a scratch database dropped in
    // tests) is reported on the pool; unheard, node would end the whole process. The pool replaces the connection.
    pool.on('error', (e: Error & { code?: string }) => {
      if (e.code !== '57P01') console.error('database connection lost:', e.message);
    });
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const parallel = Math.floor(opts.parallel ?? Number(process.env.JINGZHUN_DB_PARALLEL ?? 2));
    // Each part holds a connection; leave the pool room for the requests served meanwhile.
    PARALLEL.set(db, Math.max(1, Math.min(Number.isFinite(parallel) ? parallel : 1, (opts.poolSize ?? 10) - 2)));
    return {
      db,
      kind: 'postgres',
      location: redactUrl(opts.url),
      migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR }),
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir && opts.dataDir !== 'memory://' ? opts.dataDir : undefined;
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dataDir ?? 'memory://',
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}

// DATE and TIMESTAMP handling must match between drivers: PGlite returns DATE columns as strings through
// drizzle's `date` (mode string), node-postgres would parse them into Date objects without this.
pg.types.setTypeParser(1082, (v: string) => v);

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** Run raw SQL and get its rows, whichever driver is underneath. */
export async function query<T extends Record<string, unknown>>(db: DbOrTx, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}
