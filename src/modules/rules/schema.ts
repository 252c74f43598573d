import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';
import { households, members } from '../registry/schema.js';

/** Small named settings of the whole installation (the default reference date of runs and previews). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedByName: text('updated_by_name'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 核查规则: one check of the registry, known by its code for ever (findings and exemptions hang on the code). The text
 * lives in rule_versions; `currentVersion` names the one in force. `version` is the row's optimistic lock.
 */
export const rules = pgTable('rules', {
  code: text('code').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  builtIn: boolean('built_in').notNull().default(false),
  currentVersion: integer('current_version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every text a rule has had, never changed afterwards except for the record of its preview. */
export const ruleVersions = pgTable(
  'rule_versions',
  {
    id: serial('id').primaryKey(),
    ruleCode: text('rule_code')
      .notNull()
      .references(() => rules.code),
    version: integer('version').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    severity: text('severity').notNull(),
    subject: text('subject').notNull(),
    department: text('department').notNull(),
    populationZh: text('population_zh').notNull(),
    explanationZh: text('explanation_zh').notNull(),
    appliesTo: text('applies_to'),
    condition: text('condition').notNull(),
    shape: text('shape'),
    note: text('note').notNull(),
    /** built_in: shipped with a release (a later release may add a version while origin stays built_in); user: edited. */
    origin: text('origin').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    previewedAt: timestamp('previewed_at', { withTimezone: true }),
    previewCount: integer('preview_count'),
    previewAreaId: integer('preview_area_id').references(() => areas.id),
    previewReferenceDate: date('preview_reference_date'),
  },
  (t) => [uniqueIndex('rule_versions_code_version_uq').on(t.ruleCode, t.version)],
);

/**
 * 豁免: one record accepted as it is for one rule. member_id null on a member rule covers the whole household. Active
 * while not revoked and valid_until (if any) is not past; at most one active per record, kept by the service.
 */
export const ruleExemptions = pgTable(
  'rule_exemptions',
  {
    id: serial('id').primaryKey(),
    ruleCode: text('rule_code')
      .notNull()
      .references(() => rules.code),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    memberId: integer('member_id').references(() => members.id),
    /** The household's path when approved, for scoped lists. */
    areaPath: text('area_path').notNull(),
    reason: text('reason').notNull(),
    approvedBy: integer('approved_by')
      .notNull()
      .references(() => users.id),
    approvedByName: text('approved_by_name').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
    validUntil: date('valid_until'),
    revokedBy: integer('revoked_by').references(() => users.id),
    revokedByName: text('revoked_by_name'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    index('rule_exemptions_record_idx').on(t.ruleCode, t.householdId),
    index('rule_exemptions_path_idx').on(t.areaPath.op('text_pattern_ops')),
  ],
);

/** An active exemption on `today` (YYYY-MM-DD), as SQL over the alias `e`. */
export const ACTIVE_EXEMPTION_SQL = (e: string, today: string) =>
  sql.raw(`(${e}.revoked_at IS NULL AND (${e}.valid_until IS NULL OR ${e}.valid_until >= DATE '${today.replace(/[^0-9-]/g, '')}'))`);
