/**
 * The demo city's cadres (帮扶干部, modules/duty): every household's 帮扶责任人 of the roster becomes a cadre with a
 * helper assignment; each provincial key village gets a first secretary and two work-team members (one village in
 * twenty only two in all, so the "≥ 3 resident cadres" warning has something to show); the city, every county and
 * every township get their secretary. Set-based and deterministic: a handful of statements whatever the size.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

const FROM = '2019-01-01';

export async function seedDemoCadres(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    // One cadre per (name, phone); filed under the village of the first household they help.
    await tx.execute(sql`
      INSERT INTO cadres (name, unit, phone, area_id, area_path, note)
      SELECT DISTINCT ON (h.helper_name, h.helper_phone) h.helper_name, h.helper_unit, h.helper_phone, h.area_id, h.area_path, 'demo'
      FROM households h WHERE h.helper_name IS NOT NULL AND btrim(h.helper_name) <> ''
      ORDER BY h.helper_name, h.helper_phone, h.id`);
    await tx.execute(sql`
      INSERT INTO cadre_assignments (cadre_id, role, household_id, area_id, area_path, starts_on)
      SELECT c.id, 'helper', h.id, h.area_id, h.area_path, ${FROM}
      FROM households h JOIN cadres c ON c.name = h.helper_name AND c.phone IS NOT DISTINCT FROM h.helper_phone AND c.note = 'demo'
      WHERE h.ended_on IS NULL`);
    // Residents of the provincial key villages: slot 1 first secretary, 2 and 3 the work team (slot 3 missing in 1 of 20).
    await tx.execute(sql`
      WITH v AS (SELECT a.id, a.path, a.name, row_number() OVER (ORDER BY a.id) AS n FROM areas a WHERE a.level = 'village' AND a.provincial_key_village),
      slots AS (SELECT v.*, s FROM v CROSS JOIN generate_series(1, 3) s WHERE NOT (s = 3 AND v.n % 20 = 0)),
      made AS (
        INSERT INTO cadres (name, unit, phone, area_id, area_path, note)
        SELECT CASE s WHEN 1 THEN '第一书记' ELSE '工作队员' END || '（' || name || (CASE WHEN s = 3 THEN '二' ELSE '' END) || '）',
               '聊城市直派驻单位', '1530000' || lpad(((n * 3 + s) % 10000)::text, 4, '0'), id, path, 'demo-resident-' || s
        FROM slots RETURNING id, area_id, area_path, note)
      INSERT INTO cadre_assignments (cadre_id, role, area_id, area_path, starts_on)
      SELECT id, CASE WHEN note = 'demo-resident-1' THEN 'first_secretary' ELSE 'work_team' END, area_id, area_path, ${FROM} FROM made`);
    // The secretaries of the city, the counties and the townships (the four levels that visit, 遍访).
    await tx.execute(sql`
      WITH made AS (
        INSERT INTO cadres (name, unit, phone, area_id, area_path, note)
        SELECT a.name || CASE a.level WHEN 'city' THEN '市委书记' WHEN 'county' THEN '县（市、区）委书记' ELSE '党委书记' END, a.name || '党委', NULL, a.id, a.path, 'demo-secretary-' || a.level
        FROM areas a WHERE a.level IN ('city', 'county', 'township') RETURNING id, area_id, area_path, note)
      INSERT INTO cadre_assignments (cadre_id, role, area_id, area_path, starts_on)
      SELECT id, 'secretary_' || replace(note, 'demo-secretary-', ''), area_id, area_path, ${FROM} FROM made`);
  });
}
