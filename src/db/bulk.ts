/**
 * Bulk inserts (the demo generator, import staging): one `INSERT … SELECT * FROM unnest($1::text[], $2::int[], …)` per table and
 * batch, whatever the row count, so a batch costs a handful of round trips and never nears the 65,535-parameter
 * limit. Each column travels as ONE array parameter (drizzle would otherwise expand a JS array into a list of
 * parameters, hence `sql.param`); both PGlite and node-postgres serialise JS arrays, NULL elements included.
 */
import { sql } from 'drizzle-orm';
import { query, type DbOrTx } from './client.js';

export type ColumnType = 'text' | 'int' | 'bool' | 'date' | 'numeric';

export interface Column<R> {
  readonly name: string;
  readonly type: ColumnType;
  readonly get: (row: R) => string | number | boolean | null;
}

const CASTS: Record<ColumnType, string> = {
  text: '::text[]',
  int: '::int[]',
  bool: '::bool[]',
  // Dates and numerics travel as text, so no driver reinterprets them (time zones, binary floating point).
  date: '::text[]::date[]',
  numeric: '::text[]::numeric[]',
};

export async function insertRows<R>(db: DbOrTx, table: string, columns: readonly Column<R>[], rows: readonly R[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const params = columns.map((c) => sql`${sql.param(rows.map(c.get))}${sql.raw(CASTS[c.type])}`);
  await db.execute(
    sql`INSERT INTO ${sql.identifier(table)} (${sql.raw(names)}) SELECT * FROM unnest(${sql.join(params, sql`, `)})`,
  );
}

/**
 * Takes `n` values from the table's id sequence, in ascending order. Rows inserted with these ids keep the
 * sequence right for later inserts (no setval), and concurrent writers can never get the same ids.
 */
export async function reserveIds(db: DbOrTx, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await query<{ id: number }>(
    db,
    sql`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id FROM generate_series(1, ${n}::int)`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
