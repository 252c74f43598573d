import { bigint, bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';

/** 导入任务: one uploaded file, its dry runs and at most one commit. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    /** Where the upload is kept (under the data folder) until the job is cleaned up. */
    filePath: text('file_path').notNull(),
    format: text('format'),
    status: text('status').notNull(),
    mode: text('mode'),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    username: text('username').notNull(),
    /** The uploader's scope: who else may see the job, and which rows the import may touch. */
    areaPath: text('area_path').notNull(),
    options: jsonb('options').notNull().default({}),
    /** Sheets, header rows and the column mapping the last dry run used. */
    layout: jsonb('layout'),
    progress: jsonb('progress'),
    summary: jsonb('summary'),
    samples: jsonb('samples'),
    /** The newest registry change in the audit trail when the dry run checked the rows: unchanged at commit, the checks stand. */
    registryMark: bigint('registry_mark', { mode: 'number' }),
    result: jsonb('result'),
    failure: jsonb('failure'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_user_idx').on(t.userId, t.id), index('import_jobs_area_idx').on(t.areaPath.op('text_pattern_ops'), t.id)],
);

/** 导入模板: a saved column mapping (headings → fields), reused for next month's file. */
export const importTemplates = pgTable(
  'import_templates',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    headerRowCount: integer('header_row_count').notNull(),
    columns: jsonb('columns').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    username: text('username').notNull(),
    areaPath: text('area_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_templates_name_uq').on(t.kind, t.areaPath, t.name)],
);

/**
 * Staging: every data row of the job's file as typed values, after the per-row checks. The set-based checks, the
 * comparison with the registry and the commit all read from here. Emptied when the job is committed or cleaned up.
 */
export const importRows = pgTable(
  'import_rows',
  {
    jobId: integer('job_id').notNull(),
    seq: integer('seq').notNull(),
    sheet: text('sheet').notNull(),
    rowNumber: integer('row_number').notNull(),
    /** 'NO:' + household number, or 'ID:' + the head's ID number; null when the row names neither. */
    hhKey: text('hh_key'),
    rowError: boolean('row_error').notNull().default(false),
    // household fields and what locates the household
    householdNo: text('household_no'),
    areaCode: text('area_code'),
    countyName: text('county_name'),
    townshipName: text('township_name'),
    villageName: text('village_name'),
    headName: text('head_name'),
    headIdNumber: text('head_id_number'),
    householdSize: integer('household_size'),
    type: text('type'),
    povertyAttribute: text('poverty_attribute'),
    mainCause: text('main_cause'),
    secondaryCause: text('secondary_cause'),
    housingGrade: text('housing_grade'),
    contactPhone: text('contact_phone'),
    helperName: text('helper_name'),
    helperUnit: text('helper_unit'),
    helperPhone: text('helper_phone'),
    // member fields
    name: text('name'),
    idNumber: text('id_number'),
    relation: text('relation'),
    sex: text('sex'),
    birthDate: date('birth_date'),
    ethnicity: text('ethnicity'),
    education: text('education'),
    schoolStatus: text('school_status'),
    notInSchoolReason: text('not_in_school_reason'),
    health: text('health'),
    disabilityKind: text('disability_kind'),
    disabilityGrade: text('disability_grade'),
    disabilityCertNo: text('disability_cert_no'),
    labourAbility: text('labour_ability'),
    employmentPlace: text('employment_place'),
    employer: text('employer'),
    employmentMonths: integer('employment_months'),
    monthlyWage: numeric('monthly_wage', { precision: 14, scale: 2 }),
    medicalInsurance: text('medical_insurance'),
    criticalIllnessInsured: boolean('critical_illness_insured'),
    pensionInsured: boolean('pension_insured'),
    dibao: boolean('dibao'),
    tekun: boolean('tekun'),
    welfarePost: boolean('welfare_post'),
    phone: text('phone'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] }), index('import_rows_key_idx').on(t.jobId, t.hhKey), index('import_rows_id_idx').on(t.jobId, t.idNumber)],
);

/** Staging: one row per household of the file, with what the checks resolved (existing household, area, head). */
export const importHouseholds = pgTable(
  'import_households',
  {
    jobId: integer('job_id').notNull(),
    hhKey: text('hh_key').notNull(),
    firstSeq: integer('first_seq').notNull(),
    headSeq: integer('head_seq'),
    rowCount: integer('row_count').notNull(),
    householdId: integer('household_id'),
    householdNo: text('household_no'),
    areaId: integer('area_id'),
    areaPath: text('area_path'),
    /** The row that names the household's village, what it says, and the village that names (or a non-village area). */
    areaSeq: integer('area_seq'),
    areaGiven: text('area_given'),
    givenAreaId: integer('given_area_id'),
    givenLevel: text('given_level'),
    /** new | changed | unchanged | rejected, set by the checks and the comparison. */
    state: text('state'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.hhKey] }), index('import_households_hh_idx').on(t.jobId, t.householdId)],
);

/**
 * Staging: the comparison's verdict on each row's member (new | changed | unchanged | rejected) and the registry
 * member it updates (a new member's id is the commit's reserved block base + seq, see apply.ts). Narrow on purpose: rewriting the wide staged rows would cost
 * more than the rest of the comparison.
 */
export const importMembers = pgTable(
  'import_members',
  {
    jobId: integer('job_id').notNull(),
    seq: integer('seq').notNull(),
    hhKey: text('hh_key'),
    memberId: integer('member_id'),
    state: text('state').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

/** What the checks found, by row: the error list, the error file and the preview read these. */
export const importIssues = pgTable(
  'import_issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: integer('job_id').notNull(),
    /** 'row' for per-row checks made while reading; 'set' for the checks across rows and against the registry. */
    phase: text('phase').notNull(),
    sheet: text('sheet').notNull(),
    rowNumber: integer('row_number').notNull(),
    seq: integer('seq'),
    column: text('column'),
    field: text('field'),
    value: text('value'),
    severity: text('severity').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    messageEn: text('message_en').notNull(),
    relatedSheet: text('related_sheet'),
    relatedRow: integer('related_row'),
  },
  (t) => [index('import_issues_job_idx').on(t.jobId, t.sheet, t.rowNumber), index('import_issues_seq_idx').on(t.jobId, t.seq)],
);
