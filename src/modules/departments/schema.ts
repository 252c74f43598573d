import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';
import { members } from '../registry/schema.js';

/**
 * 部门数据快照: one upload of one department dataset, as of a date. Uploads are read and matched in the background
 * (status reading → previewed), then committed; the comparison uses, per dataset type, the committed snapshot with
 * the latest as-of date on or before its reference date, so earlier snapshots stay queryable and re-runnable.
 */
export const deptSnapshots = pgTable(
  'dept_snapshots',
  {
    id: serial('id').primaryKey(),
    datasetType: text('dataset_type').notNull(),
    department: text('department').notNull(),
    asOf: date('as_of').notNull(),
    status: text('status').notNull(),
    fileName: text('file_name').notNull(),
    /** The uploader's area: records are matched against the registry inside it. */
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username').notNull(),
    note: text('note'),
    /** rows, rejected, matched by kind, unmatched, review: filled as the job goes. */
    counts: jsonb('counts').notNull().default({}),
    progress: jsonb('progress'),
    error: jsonb('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [index('dept_snapshots_type_idx').on(t.datasetType, t.status, t.asOf)],
);

/** One row of a department's file, with the registry person it was matched to (if any) and how. */
export const deptRecords = pgTable(
  'dept_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => deptSnapshots.id),
    sheet: text('sheet').notNull(),
    rowNumber: integer('row_number').notNull(),
    /** Normalised 18-character ID when the cell held a valid one; the cell's text otherwise in idRaw. */
    idNumber: text('id_number'),
    idRaw: text('id_raw'),
    name: text('name').notNull(),
    sex: text('sex'),
    birthDate: date('birth_date'),
    villageName: text('village_name'),
    /** The dataset's own columns, by template key (codes, YYYY-MM-DD dates, numbers, booleans). */
    data: jsonb('data').notNull().default({}),
    asOf: date('as_of').notNull(),
    memberId: integer('member_id').references(() => members.id),
    householdId: integer('household_id'),
    /** The matched person's village path, or the snapshot's area for unmatched records: the scope of the row. */
    areaPath: text('area_path').notNull(),
    /** id_exact, auto, confirmed, review, unmatched, rejected (a person said no to every candidate). */
    matchStatus: text('match_status').notNull(),
    matchScore: numeric('match_score', { precision: 4, scale: 3 }),
    matchReasons: text('match_reasons').array().notNull().default(sql`'{}'::text[]`),
    matchedBy: text('matched_by'),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
  },
  (t) => [
    index('dept_records_snapshot_member_idx').on(t.snapshotId, t.memberId),
    index('dept_records_snapshot_status_idx').on(t.snapshotId, t.matchStatus),
    index('dept_records_member_idx').on(t.memberId),
  ],
);

/** Candidates proposed for a record in the review band (or below it), best first, for a person to confirm. */
export const deptMatchCandidates = pgTable(
  'dept_match_candidates',
  {
    id: serial('id').primaryKey(),
    recordId: bigint('record_id', { mode: 'number' }).notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    rank: integer('rank').notNull(),
    score: numeric('score', { precision: 4, scale: 3 }).notNull(),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('dept_match_candidates_record_idx').on(t.recordId, t.rank)],
);

/** A cell the upload could not read: which sheet, row, column, value and why. */
export const deptSnapshotIssues = pgTable(
  'dept_snapshot_issues',
  {
    id: serial('id').primaryKey(),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => deptSnapshots.id),
    sheet: text('sheet').notNull(),
    rowNumber: integer('row_number').notNull(),
    column: text('column'),
    field: text('field'),
    value: text('value'),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    reasonZh: text('reason_zh').notNull(),
  },
  (t) => [index('dept_snapshot_issues_snapshot_idx').on(t.snapshotId, t.rowNumber)],
);

/** 自定义数据类型: a dataset type the city adds (a department or list not in the built-in catalogue). */
export const deptDatasetTypes = pgTable('dept_dataset_types', {
  code: text('code').primaryKey(),
  department: text('department').notNull(),
  zh: text('zh').notNull(),
  en: text('en').notNull(),
  description: text('description').notNull(),
  /** DatasetColumn[]: key, label, labelEn, synonyms, kind, required. */
  columns: jsonb('columns').notNull(),
  userId: integer('user_id').references(() => users.id),
  username: text('username').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
