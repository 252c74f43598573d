import { sql, type SQL } from 'drizzle-orm';
import { escapeLike, type Actor } from '../accounts/access.js';

/**
 * Which findings a user may see, as SQL over a findings alias: their area subtree (or the narrower `areaPath`), and
 * for a department officer only their department's rules (none without a department).
 */
export function findingVisibility(actor: Actor, alias: string, areaPath: string = actor.areaPath): SQL {
  const conds = [sql`${sql.raw(alias)}.area_path LIKE ${escapeLike(areaPath) + '%'}`];
  if (actor.role === 'department_officer') conds.push(actor.department ? sql`${sql.raw(alias)}.department = ${actor.department}` : sql`false`);
  return sql.join(conds, sql` AND `);
}
