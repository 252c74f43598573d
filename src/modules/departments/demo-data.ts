/**
 * 演示部门数据: a committed snapshot of every department dataset for the demo city, made in SQL from the registry
 * the way the departments' own systems would hold it: mostly agreeing with the registry, with a small, deterministic
 * share of disagreements for the comparison rules to find (a record missing, a status that differs), some people who
 * are not in the registry at all, and about 1 % of rows typed badly (no ID, traditional characters, two digits
 * swapped) that the matcher has to recover. Deterministic for a seed: selections hash the member id with it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { DATASET_TYPES } from '../../domain/departments/datasets.js';
import { matchSnapshot } from './matching.js';
import { analyzeRecords } from './service.js';
import { deptSnapshots } from './schema.js';

export const DEMO_AS_OF = '2020-08-31';

interface Spec {
  type: string;
  /** Which registry persons the department lists (over m: members, h: households), before omissions. */
  who: SQL;
  data: SQL;
  /** Per mille of the listed persons the department leaves out (the comparison finds them missing). */
  omit?: number;
}

const pick = (seed: number, salt: number, perMille: number) => sql`(abs(hashint4(m.id + ${seed * 7919 + salt})) % 1000) < ${perMille}`;

function specs(seed: number): Spec[] {
  const p = (salt: number, perMille: number) => pick(seed, salt, perMille);
  const head = sql`m.relation = 'head'`;
  return [
    { type: 'school_enrolment', who: sql`m.school_status IN ('primary', 'junior', 'senior_1', 'senior_2', 'senior_3')`, data: sql`jsonb_build_object('school', '实验学校', 'status', CASE WHEN ${p(1, 4)} THEN 'dropout' ELSE 'enrolled' END)`, omit: 3 },
    { type: 'insurance_enrolment', who: sql`m.medical_insurance IN ('resident', 'employee')`, data: sql`jsonb_build_object('scheme', m.medical_insurance, 'year', 2020, 'criticalIllness', coalesce(m.critical_illness_insured, false))`, omit: 2 },
    { type: 'large_medical_cost', who: sql`m.health IN ('serious', 'chronic') AND ${p(2, 60)}`, data: sql`jsonb_build_object('year', 2020, 'totalCost', 60000, 'selfPay', CASE WHEN ${p(3, 300)} THEN 26000 ELSE 6000 END)` },
    { type: 'family_doctor', who: sql`m.family_doctor = true`, data: sql`jsonb_build_object('signedOn', '2020-01-10', 'doctor', '签约医生')`, omit: 5 },
    { type: 'chronic_disease', who: sql`m.health = 'chronic'`, data: sql`jsonb_build_object('disease', '高血压', 'certifiedOn', '2019-06-01')` },
    { type: 'housing_appraisal', who: sql`${head} AND h.housing_grade IS NOT NULL`, data: sql`jsonb_build_object('grade', CASE WHEN ${p(4, 3)} THEN 'C' ELSE h.housing_grade END, 'appraisedOn', '2019-10-01')` },
    { type: 'renovation_list', who: sql`${head} AND h.housing_grade IN ('C', 'D')`, data: sql`jsonb_build_object('year', 2020, 'status', 'under_way')`, omit: 150 },
    { type: 'water_survey', who: sql`${head}`, data: sql`jsonb_build_object('source', h.water_source, 'quantityLpd', h.water_quantity_lpd, 'qualityOk', CASE WHEN ${p(5, 2)} THEN false ELSE coalesce(h.water_quality_ok, true) END, 'guaranteeRate', h.water_guarantee_rate)` },
    { type: 'disability_certificates', who: sql`m.health = 'disabled' AND m.disability_grade IS NOT NULL`, data: sql`jsonb_build_object('certNo', m.disability_cert_no, 'kind', coalesce(m.disability_kind, 'physical'), 'grade', m.disability_grade)`, omit: 10 },
    { type: 'disability_subsidies', who: sql`m.health = 'disabled' AND m.disability_grade IN ('1', '2')`, data: sql`jsonb_build_object('kind', 'care', 'monthlyAmount', 80)`, omit: 20 },
    { type: 'social_assistance', who: sql`(m.dibao = true OR m.tekun = true)`, data: sql`jsonb_build_object('kind', CASE WHEN m.tekun THEN 'tekun' ELSE 'dibao' END, 'startOn', '2019-01-01', 'monthlyAmount', 420)`, omit: 4 },
    { type: 'employment', who: sql`m.employment_place IS NOT NULL AND m.employment_place <> 'none'`, data: sql`jsonb_build_object('employer', coalesce(m.employer, '务工单位'), 'startOn', '2020-02-01', 'monthlyWage', m.monthly_wage)`, omit: 30 },
    { type: 'pension', who: sql`m.birth_date <= DATE '1960-09-01'`, data: sql`jsonb_build_object('kind', 'resident', 'state', CASE WHEN ${p(6, 8)} THEN 'suspended' ELSE 'receiving' END, 'monthlyAmount', 130)` },
    { type: 'deregistrations', who: sql`${p(7, 1)} AND m.relation <> 'head'`, data: sql`jsonb_build_object('reason', 'death', 'cancelledOn', '2020-06-15')` },
    { type: 'vehicles', who: sql`${p(8, 1)} AND m.birth_date <= DATE '1995-01-01'`, data: sql`jsonb_build_object('plate', '鲁P' || lpad((m.id % 100000)::text, 5, '0'), 'vehicleKind', '小型轿车', 'registeredOn', '2019-05-01')` },
    { type: 'enterprises', who: sql`${p(9, 1)} AND m.birth_date <= DATE '1995-01-01'`, data: sql`jsonb_build_object('enterprise', '演示商贸有限公司', 'role', 'legal_rep', 'capital', 50)` },
    { type: 'salaried_staff', who: sql`${p(10, 1)} AND m.birth_date <= DATE '1995-01-01'`, data: sql`jsonb_build_object('unit', '演示镇人民政府', 'since', '2015-08-01')` },
  ];
}

const TRADITIONAL_FROM = '张刘陈杨赵黄吴郑孙马朱胡郭何罗梁宋谢韩冯邓曹许萧程苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文伟华国强军明红丽静敏杰涛鹏辉';
const TRADITIONAL_TO = '張劉陳楊趙黃吳鄭孫馬朱胡郭何羅梁宋謝韓馮鄧曹許蕭程蘇盧蔣蔡賈丁魏薛葉閻餘潘杜戴夏鍾汪田任姜範方石姚譚廖鄒熊金陸郝孔白崔康毛邱秦江史顧侯邵孟龍萬段雷錢湯尹黎易常武喬賀賴龔文偉華國強軍明紅麗靜敏傑濤鵬輝';

async function fill(db: Db, snapshotId: number, areaPath: string, spec: Spec, seed: number): Promise<void> {
  const damaged = pick(seed, 97, 10);
  await db.execute(sql`
    INSERT INTO dept_records (snapshot_id, sheet, row_number, id_number, id_raw, name, sex, birth_date, village_name, data, as_of, area_path, match_status,
                              member_id, household_id, match_score, match_reasons, matched_at)
    SELECT ${snapshotId}, 'Sheet1', (row_number() OVER (ORDER BY m.id) + 2)::int,
           CASE WHEN ${damaged} THEN NULL ELSE m.id_number END,
           CASE WHEN ${damaged} AND m.id % 2 = 0 THEN substr(m.id_number, 1, 14) || substr(m.id_number, 16, 1) || substr(m.id_number, 15, 1) || substr(m.id_number, 17) ELSE NULL END,
           CASE WHEN ${damaged} THEN translate(m.name, ${TRADITIONAL_FROM}, ${TRADITIONAL_TO}) ELSE m.name END,
           m.sex, m.birth_date, a.name, ${spec.data}, ${DEMO_AS_OF},
           -- Clean rows carry the exact-ID match the matcher's first statement would write (same ID, same name): writing
           -- it here saves updating 200,000 rows a second time; the damaged rows go through the matcher.
           CASE WHEN ${damaged} THEN ${areaPath} ELSE m.area_path END, CASE WHEN ${damaged} THEN 'unmatched' ELSE 'id_exact' END,
           CASE WHEN ${damaged} THEN NULL ELSE m.id END, CASE WHEN ${damaged} THEN NULL ELSE m.household_id END,
           CASE WHEN ${damaged} THEN NULL ELSE 1 END, CASE WHEN ${damaged} THEN '{}'::text[] ELSE '{id_equal,name_exact}'::text[] END,
           CASE WHEN ${damaged} THEN NULL ELSE now() END
    FROM members m JOIN households h ON h.id = m.household_id JOIN areas a ON a.id = h.area_id
    WHERE m.joined_on <= ${DEMO_AS_OF} AND (m.ended_on IS NULL OR m.ended_on > ${DEMO_AS_OF}) AND h.ended_on IS NULL
      AND ${spec.who} ${spec.omit ? sql`AND NOT ${pick(seed, 50 + spec.type.length, spec.omit)}` : sql``}`);
  // People the department lists who are not in the registry (the list covers everyone, the registry the poor).
  await db.execute(sql`
    INSERT INTO dept_records (snapshot_id, sheet, row_number, id_number, name, sex, birth_date, data, as_of, area_path, match_status)
    SELECT ${snapshotId}, 'Sheet1', 100000 + g, NULL, '非建档' || g, CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END, DATE '1960-01-01' + (g * 37 % 20000),
           (SELECT data FROM dept_records WHERE snapshot_id = ${snapshotId} LIMIT 1), ${DEMO_AS_OF}, ${areaPath}, 'unmatched'
    FROM generate_series(1, 20) g WHERE EXISTS (SELECT 1 FROM dept_records WHERE snapshot_id = ${snapshotId})`);
}

/** Writes and matches one committed snapshot per dataset type; returns the record count. */
export async function generateDepartmentData(db: Db, opts: { seed: number; onProgress?: (done: number, total: number) => void }): Promise<number> {
  const [root] = await query<{ id: number; path: string }>(db, sql`SELECT id, path FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
  if (!root) return 0;
  const all = specs(opts.seed);
  let records = 0;
  for (const [i, spec] of all.entries()) {
    const type = DATASET_TYPES.find((t) => t.code === spec.type)!;
    const [snap] = await db
      .insert(deptSnapshots)
      .values({ datasetType: type.code, department: type.department, asOf: DEMO_AS_OF, status: 'reading', fileName: `${type.zh}（演示）.xlsx`, areaId: root.id, areaPath: root.path, username: 'demo', counts: {} })
      .returning();
    await fill(db, snap!.id, root.path, spec, opts.seed);
    await matchSnapshot(db, snap!);
    const [c] = await query<{ rows: number; id_exact: number; auto: number; review: number; unmatched: number }>(
      db,
      sql`SELECT count(*)::int AS rows, count(*) FILTER (WHERE match_status = 'id_exact')::int AS id_exact, count(*) FILTER (WHERE match_status = 'auto')::int AS auto,
                 count(*) FILTER (WHERE match_status = 'review')::int AS review, count(*) FILTER (WHERE match_status = 'unmatched')::int AS unmatched
          FROM dept_records WHERE snapshot_id = ${snap!.id}`,
    );
    records += c!.rows;
    const counts = { rows: c!.rows, rejected: 0, issues: 0, idExact: c!.id_exact, auto: c!.auto, review: c!.review, unmatched: c!.unmatched };
    await db.execute(sql`UPDATE dept_snapshots SET status = 'committed', committed_at = now(), counts = ${JSON.stringify(counts)}::jsonb WHERE id = ${snap!.id}`);
    opts.onProgress?.(i + 1, all.length);
  }
  await analyzeRecords(db);
  return records;
}
