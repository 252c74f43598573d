/**
 * The checks across rows and against the registry, set-based in SQL over the staged rows of one job: group the rows
 * into households, find each household in the registry and its village, keep to the importer's scope, and find
 * people in two households, households with two heads or none, and what a new household or member lacks. A
 * household with any error is held back whole. Run by every dry run and again inside the commit's transaction, so
 * the commit acts on the registry as it is then, not as it was at the preview.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ROSTER_CATALOGUE, type RosterField } from '../ingest/fields.js';
import { ISSUE_CODES, type IssueCode } from './issue-codes.js';
import { ROSTER_COLUMNS } from './roster.js';

export interface CheckContext {
  readonly jobId: number;
  /** The importer's scope. */
  readonly areaPath: string;
  readonly areaName: string;
  readonly areaNameEn: string;
  /** Fields the file's columns map to. */
  readonly mapped: ReadonlySet<RosterField>;
  /** Column letter of each mapped field (first selected sheet). */
  readonly letters: Readonly<Record<string, string>>;
  readonly severalSheets: boolean;
}

const LABELS = JSON.stringify(Object.fromEntries(ROSTER_CATALOGUE.fields.map((f) => [f.key, f.label])));
const LABELS_EN = JSON.stringify(Object.fromEntries(ROSTER_CATALOGUE.fields.map((f) => [f.key, f.labelEn])));

/**
 * Adds issues for the rows a query finds. The query yields `seq`, and optionally `field`, `value`, `related_seq`
 * (another row it conflicts with), `expected` / `expected_en` (the message's other detail).
 */
async function addIssues(db: DbOrTx, ctx: CheckContext, code: IssueCode, found: SQL, yields: readonly Optional[] = []): Promise<void> {
  const def = ISSUE_CODES[code];
  const optional = (name: Optional, type: string) => sql.raw(yields.includes(name) ? `q.${name}` : `NULL::${type} AS ${name}`);
  const fill = (tpl: string, en: boolean) => {
    const ref = ctx.severalSheets
      ? en
        ? sql`'sheet “' || rr.sheet || '” row ' || rr.row_number`
        : sql`'工作表“' || rr.sheet || '”第' || rr.row_number || '行'`
      : en
        ? sql`'row ' || rr.row_number`
        : sql`'第' || rr.row_number || '行'`;
    return sql`replace(replace(replace(replace(replace(replace(${tpl}::text,
      '{labelEn}', coalesce(${LABELS_EN}::jsonb ->> x.field, '')),
      '{label}', coalesce(${LABELS}::jsonb ->> x.field, '')),
      '{value}', coalesce(x.value, '')),
      '{expectedEn}', coalesce(x.expected_en, x.expected, '')),
      '{expected}', coalesce(x.expected, '')),
      '{related}', coalesce(${ref}, ''))`;
  };
  await db.execute(sql`
    INSERT INTO import_issues (job_id, phase, sheet, row_number, seq, "column", field, value, severity, code, message, message_en, related_sheet, related_row)
    SELECT ${ctx.jobId}, 'set', r.sheet, r.row_number, r.seq, ${JSON.stringify(ctx.letters)}::jsonb ->> x.field, x.field, x.value,
           ${def.severity}, ${code}, ${fill(def.zh, false)}, ${fill(def.en, true)}, rr.sheet, rr.row_number
    FROM (SELECT q.seq, ${optional('field', 'text')}, ${optional('value', 'text')}, ${optional('related_seq', 'int')},
                 ${optional('expected', 'text')}, ${optional('expected_en', 'text')}
          FROM (${found}) q) x
    JOIN import_rows r ON r.job_id = ${ctx.jobId} AND r.seq = x.seq
    LEFT JOIN import_rows rr ON rr.job_id = ${ctx.jobId} AND rr.seq = x.related_seq`);
}

type Optional = 'field' | 'value' | 'related_seq' | 'expected' | 'expected_en';

const col = (name: string) => sql.raw(`"${name}"`);

export async function runChecks(db: DbOrTx, ctx: CheckContext): Promise<void> {
  const job = ctx.jobId;
  await db.execute(sql`DELETE FROM import_issues WHERE job_id = ${job} AND phase = 'set'`);
  await db.execute(sql`DELETE FROM import_households WHERE job_id = ${job}`);
  await db.execute(sql`DELETE FROM import_members WHERE job_id = ${job}`);

  // One entry per household of the file; the head's row is the household's source row.
  await db.execute(sql`
    INSERT INTO import_households (job_id, hh_key, first_seq, head_seq, row_count, household_no)
    SELECT ${job}, hh_key, min(seq), min(seq) FILTER (WHERE relation = 'head'), count(*),
           CASE WHEN hh_key LIKE 'NO:%' THEN substr(hh_key, 4) END
    FROM import_rows WHERE job_id = ${job} AND hh_key IS NOT NULL GROUP BY hh_key`);

  // The registry's household: by household number, or by the head's ID number.
  await db.execute(sql`
    UPDATE import_households ih SET household_id = h.id, area_id = h.area_id, area_path = h.area_path
    FROM households h WHERE ih.job_id = ${job} AND ih.household_no IS NOT NULL AND h.household_no = ih.household_no`);
  await db.execute(sql`
    UPDATE import_households ih SET household_id = h.id, household_no = h.household_no, area_id = h.area_id, area_path = h.area_path
    FROM members m JOIN households h ON h.id = m.household_id
    WHERE ih.job_id = ${job} AND ih.household_no IS NULL AND ih.hh_key LIKE 'ID:%'
      AND m.id_number = substr(ih.hh_key, 4) AND m.relation = 'head' AND m.ended_on IS NULL AND h.ended_on IS NULL`);

  await resolveAreas(db, ctx);
  await checkHeads(db, ctx);
  await checkPeople(db, ctx);
  await checkNewRecords(db, ctx);
  await checkConsistency(db, ctx);
  await holdBack(db, ctx);
}

/** The village a household's rows name: its 12-digit code, else county/township/village names, else the number's prefix. */
async function resolveAreas(db: DbOrTx, ctx: CheckContext): Promise<void> {
  const job = ctx.jobId;
  await db.execute(sql`
    UPDATE import_households ih SET area_seq = s.seq,
           area_given = coalesce(s.area_code, nullif(concat_ws('/', s.county_name, s.township_name, s.village_name), ''), left(s.household_no, 12))
    FROM (SELECT DISTINCT ON (hh_key) hh_key, seq, area_code, county_name, township_name, village_name, household_no
          FROM import_rows WHERE job_id = ${job} AND hh_key IS NOT NULL
          ORDER BY hh_key, (area_code IS NOT NULL OR village_name IS NOT NULL) DESC, (relation = 'head') DESC NULLS LAST, seq) s
    WHERE ih.job_id = ${job} AND ih.hh_key = s.hh_key`);
  // Set-based, by hash joins: a province's file has hundreds of thousands of households.
  await db.execute(sql`
    UPDATE import_households ih SET given_area_id = a.id, given_level = a.level
    FROM import_rows s, areas a
    WHERE ih.job_id = ${job} AND s.job_id = ${job} AND s.seq = ih.area_seq AND s.area_code IS NOT NULL AND a.code = s.area_code`);
  // Materialised steps: the planner cannot see how few rows give names, and a nested loop over the areas would crawl.
  await db.execute(sql`
    WITH named AS MATERIALIZED (
      SELECT ih.hh_key, s.county_name, s.township_name, s.village_name
      FROM import_households ih JOIN import_rows s ON s.job_id = ${job} AND s.seq = ih.area_seq
      WHERE ih.job_id = ${job} AND s.area_code IS NULL AND s.village_name IS NOT NULL),
    villages AS MATERIALIZED (
      SELECT v.id, v.name AS village, t.name AS township, c.name AS county
      FROM areas v JOIN areas t ON t.id = v.parent_id JOIN areas c ON c.id = t.parent_id WHERE v.level = 'village'),
    matched AS (
      SELECT n.hh_key, min(v.id) AS id FROM named n JOIN villages v ON v.village = n.village_name
      WHERE (n.township_name IS NULL OR v.township = n.township_name) AND (n.county_name IS NULL OR v.county = n.county_name)
      GROUP BY n.hh_key HAVING count(*) = 1)
    UPDATE import_households ih SET given_area_id = matched.id, given_level = 'village'
    FROM matched WHERE ih.job_id = ${job} AND ih.hh_key = matched.hh_key`);
  await db.execute(sql`
    UPDATE import_households ih SET given_area_id = a.id, given_level = a.level
    FROM import_rows s, areas a
    WHERE ih.job_id = ${job} AND s.job_id = ${job} AND s.seq = ih.area_seq AND s.area_code IS NULL AND s.village_name IS NULL
      AND s.household_no ~ '^[0-9]{13,}$' AND a.level = 'village' AND a.code = left(s.household_no, 12)`);

  await addIssues(db, ctx, 'AREA_NOT_VILLAGE', sql`
    SELECT ih.area_seq AS seq, 'areaCode' AS field, ih.area_given AS value FROM import_households ih
    WHERE ih.job_id = ${job} AND ih.given_level IS NOT NULL AND ih.given_level <> 'village'`, ['field', 'value']);
  await addIssues(db, ctx, 'AREA_MOVED', sql`
    SELECT ih.area_seq AS seq, 'areaCode' AS field, ih.area_given AS value, a.name AS expected, coalesce(a.name_en, a.name) AS expected_en
    FROM import_households ih JOIN areas a ON a.id = ih.area_id
    WHERE ih.job_id = ${job} AND ih.given_level = 'village' AND ih.household_id IS NOT NULL AND ih.given_area_id <> ih.area_id`, ['field', 'value', 'expected', 'expected_en']);
  await db.execute(sql`
    UPDATE import_households ih SET area_id = ih.given_area_id, area_path = a.path
    FROM areas a
    WHERE ih.job_id = ${job} AND ih.household_id IS NULL AND ih.given_level = 'village' AND a.id = ih.given_area_id`);
  await addIssues(db, ctx, 'AREA_UNKNOWN', sql`
    SELECT coalesce(ih.head_seq, ih.first_seq) AS seq, CASE WHEN ih.area_given ~ '^[0-9]+$' THEN 'areaCode' ELSE 'villageName' END AS field, ih.area_given AS value
    FROM import_households ih
    WHERE ih.job_id = ${job} AND ih.area_id IS NULL AND (ih.given_level IS NULL OR ih.given_level = 'village')`, ['field', 'value']);
  await addIssues(db, ctx, 'OUT_OF_SCOPE', sql`
    SELECT r.seq, ${ctx.areaName}::text AS expected, ${ctx.areaNameEn}::text AS expected_en
    FROM import_households ih JOIN import_rows r ON r.job_id = ${job} AND r.hh_key = ih.hh_key
    WHERE ih.job_id = ${job} AND ih.area_path IS NOT NULL AND NOT starts_with(ih.area_path, ${ctx.areaPath})`, ['expected', 'expected_en']);
}

async function checkHeads(db: DbOrTx, ctx: CheckContext): Promise<void> {
  const job = ctx.jobId;
  await addIssues(db, ctx, 'TWO_HEADS', sql`
    SELECT r.seq, 'relation' AS field, '户主' AS value, ih.head_seq AS related_seq
    FROM import_rows r JOIN import_households ih ON ih.job_id = ${job} AND ih.hh_key = r.hh_key
    WHERE r.job_id = ${job} AND r.relation = 'head' AND r.seq <> ih.head_seq`, ['field', 'value', 'related_seq']);
  // A new head in the file while the registry's head stays (the file does not list them as someone else).
  await addIssues(db, ctx, 'TWO_HEADS', sql`
    SELECT ih.head_seq AS seq, 'relation' AS field, '户主' AS value, '系统中现有户主' AS expected, 'the head in the registry' AS expected_en
    FROM import_households ih JOIN members m ON m.household_id = ih.household_id AND m.relation = 'head' AND m.ended_on IS NULL
    WHERE ih.job_id = ${job} AND ih.head_seq IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.job_id = ${job} AND r.hh_key = ih.hh_key AND r.id_number = m.id_number)`, ['field', 'value', 'expected', 'expected_en']);
  await addIssues(db, ctx, 'NO_HEAD', sql`
    SELECT ih.first_seq AS seq, 'relation' AS field
    FROM import_households ih
    WHERE ih.job_id = ${job} AND ih.head_seq IS NULL
      AND (ih.household_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM members m WHERE m.household_id = ih.household_id AND m.relation = 'head' AND m.ended_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.job_id = ${job} AND r.hh_key = ih.hh_key AND r.id_number = m.id_number AND r.relation IS DISTINCT FROM 'head' AND r.relation IS NOT NULL)))`, ['field']);
}

async function checkPeople(db: DbOrTx, ctx: CheckContext): Promise<void> {
  const job = ctx.jobId;
  const firstOfId = sql`
    SELECT seq, hh_key, id_number, first_value(seq) OVER (PARTITION BY id_number ORDER BY seq) AS first_seq
    FROM import_rows WHERE job_id = ${job} AND id_number IS NOT NULL`;
  await addIssues(db, ctx, 'DUPLICATE_PERSON', sql`
    SELECT d.seq, 'idNumber' AS field, d.id_number AS value, d.first_seq AS related_seq
    FROM (${firstOfId}) d JOIN import_rows f ON f.job_id = ${job} AND f.seq = d.first_seq
    WHERE d.seq <> d.first_seq AND f.hh_key IS NOT DISTINCT FROM d.hh_key`, ['field', 'value', 'related_seq']);
  // Both rows are in error: the file does not say which household is right.
  await addIssues(db, ctx, 'PERSON_IN_TWO_HOUSEHOLDS', sql`
    SELECT DISTINCT ON (a.seq) a.seq, 'idNumber' AS field, a.id_number AS value, b.seq AS related_seq
    FROM import_rows a JOIN import_rows b ON b.job_id = ${job} AND b.id_number = a.id_number AND b.hh_key IS DISTINCT FROM a.hh_key
    WHERE a.job_id = ${job} AND a.id_number IS NOT NULL
    ORDER BY a.seq, b.seq`, ['field', 'value', 'related_seq']);
  // Someone active in another registry household; its number is named only inside the importer's scope.
  await addIssues(db, ctx, 'PERSON_IN_OTHER_HOUSEHOLD', sql`
    SELECT DISTINCT ON (r.seq) r.seq, 'idNumber' AS field, r.id_number AS value,
           CASE WHEN starts_with(h.area_path, ${ctx.areaPath}) THEN '户编号' || h.household_no || '（' || a.name || '）' ELSE '其他地区的一户' END AS expected,
           CASE WHEN starts_with(h.area_path, ${ctx.areaPath}) THEN 'household ' || h.household_no ELSE 'a household outside your area' END AS expected_en
    FROM import_rows r
    JOIN import_households ih ON ih.job_id = ${job} AND ih.hh_key = r.hh_key
    JOIN members m ON m.id_number = r.id_number AND m.ended_on IS NULL AND m.household_id IS DISTINCT FROM ih.household_id
    JOIN households h ON h.id = m.household_id JOIN areas a ON a.id = h.area_id
    WHERE r.job_id = ${job}
    ORDER BY r.seq, m.id`, ['field', 'value', 'expected', 'expected_en']);
}

/** What a new household or member must have, since there is no registry value to keep. */
async function checkNewRecords(db: DbOrTx, ctx: CheckContext): Promise<void> {
  const job = ctx.jobId;
  await addIssues(db, ctx, 'NEW_HOUSEHOLD_FIELD', sql`
    SELECT coalesce(ih.head_seq, ih.first_seq) AS seq, 'householdType' AS field
    FROM import_households ih JOIN import_rows s ON s.job_id = ${job} AND s.seq = coalesce(ih.head_seq, ih.first_seq)
    WHERE ih.job_id = ${job} AND ih.household_id IS NULL AND s.type IS NULL`, ['field']);
  await addIssues(db, ctx, 'NEW_MEMBER_FIELD', sql`
    SELECT r.seq, 'relation' AS field
    FROM import_rows r JOIN import_households ih ON ih.job_id = ${job} AND ih.hh_key = r.hh_key
    WHERE r.job_id = ${job} AND r.relation IS NULL AND r.id_number IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = ih.household_id AND m.id_number = r.id_number AND m.ended_on IS NULL)`, ['field']);
}

/** Warnings: household fields that differ between a household's rows, the head's name, the declared size. */
async function checkConsistency(db: DbOrTx, ctx: CheckContext): Promise<void> {
  const job = ctx.jobId;
  const householdFields = ROSTER_COLUMNS.filter((c) => c.target === 'household' && ctx.mapped.has(c.field));
  if (householdFields.length > 0) {
    const pairs = sql.join(
      householdFields.map((c) => sql`(${c.field}, r.${col(c.column)}::text, s.${col(c.column)}::text)`),
      sql`, `,
    );
    await addIssues(db, ctx, 'HOUSEHOLD_FIELD_CONFLICT', sql`
      SELECT r.seq, v.field, v.val AS value, s.seq AS related_seq
      FROM import_rows r
      JOIN import_households ih ON ih.job_id = ${job} AND ih.hh_key = r.hh_key AND ih.head_seq IS NOT NULL AND ih.head_seq <> r.seq
      JOIN import_rows s ON s.job_id = ${job} AND s.seq = ih.head_seq
      CROSS JOIN LATERAL (VALUES ${pairs}) v(field, val, head_val)
      WHERE r.job_id = ${job} AND v.val IS NOT NULL AND v.head_val IS NOT NULL AND v.val <> v.head_val`, ['field', 'value', 'related_seq']);
  }
  if (ctx.mapped.has('headName')) {
    await addIssues(db, ctx, 'HEAD_NAME_MISMATCH', sql`
      SELECT r.seq, 'headName' AS field, r.head_name AS value, s.name AS expected
      FROM import_rows r
      JOIN import_households ih ON ih.job_id = ${job} AND ih.hh_key = r.hh_key
      JOIN import_rows s ON s.job_id = ${job} AND s.seq = ih.head_seq
      WHERE r.job_id = ${job} AND r.head_name IS NOT NULL AND s.name IS NOT NULL AND r.head_name <> s.name`, ['field', 'value', 'expected']);
  }
  if (ctx.mapped.has('householdSize')) {
    await addIssues(db, ctx, 'SIZE_MISMATCH', sql`
      SELECT s.seq, 'householdSize' AS field, s.household_size::text AS value, n.size::text AS expected
      FROM import_households ih
      JOIN import_rows s ON s.job_id = ${job} AND s.seq = coalesce(ih.head_seq, ih.first_seq)
      CROSS JOIN LATERAL (
        SELECT ih.row_count + (SELECT count(*) FROM members m WHERE m.household_id = ih.household_id AND m.ended_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.job_id = ${job} AND r.hh_key = ih.hh_key AND r.id_number = m.id_number)) AS size) n
      WHERE ih.job_id = ${job} AND s.household_size IS NOT NULL AND s.household_size <> n.size`, ['field', 'value', 'expected']);
  }
}

/** A household with any error is held back whole: its other rows say so, naming the first row in error. */
async function holdBack(db: DbOrTx, ctx: CheckContext): Promise<void> {
  const job = ctx.jobId;
  await db.execute(sql`
    UPDATE import_households ih SET state = 'rejected'
    FROM (SELECT r.hh_key, min(r.seq) AS seq FROM import_rows r
          WHERE r.job_id = ${job} AND r.hh_key IS NOT NULL AND (r.row_error OR EXISTS (
            SELECT 1 FROM import_issues i WHERE i.job_id = ${job} AND i.seq = r.seq AND i.phase = 'set' AND i.severity = 'error'))
          GROUP BY r.hh_key) bad
    WHERE ih.job_id = ${job} AND ih.hh_key = bad.hh_key`);
  await addIssues(db, ctx, 'HOUSEHOLD_HELD_BACK', sql`
    SELECT r.seq, bad.seq AS related_seq
    FROM import_rows r
    JOIN import_households ih ON ih.job_id = ${job} AND ih.hh_key = r.hh_key AND ih.state = 'rejected'
    CROSS JOIN LATERAL (SELECT min(e.seq) AS seq FROM import_rows e WHERE e.job_id = ${job} AND e.hh_key = r.hh_key AND (e.row_error OR EXISTS (
      SELECT 1 FROM import_issues i WHERE i.job_id = ${job} AND i.seq = e.seq AND i.phase = 'set' AND i.severity = 'error'))) bad
    WHERE r.job_id = ${job} AND NOT r.row_error
      AND NOT EXISTS (SELECT 1 FROM import_issues i WHERE i.job_id = ${job} AND i.seq = r.seq AND i.severity = 'error')`, ['related_seq']);
}
