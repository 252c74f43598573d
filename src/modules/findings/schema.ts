import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';
import { households, members } from '../registry/schema.js';
import { ruleExemptions, rules } from '../rules/schema.js';

/** 规则运行: enabled rules (or one) over an area subtree on a reference date, done in the background. */
export const ruleRuns = pgTable(
  'rule_runs',
  {
    id: serial('id').primaryKey(),
    status: text('status').notNull(),
    /** The one rule asked for; null = every enabled rule. */
    ruleCode: text('rule_code'),
    /** Only the rules of these departments (a comparison run of 教体 and 医保, say); null = every department. */
    departments: text('departments').array(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    referenceDate: date('reference_date').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username').notNull(),
    /** The rules the run took, fixed when it starts: which findings a run saw is derived from it. */
    ruleCodes: text('rule_codes').array().notNull().default(sql`'{}'::text[]`),
    rulesTotal: integer('rules_total').notNull().default(0),
    /** evaluating (all rules' violations into rule_run_hits), then applying (rule by rule); null when not running. */
    phase: text('phase'),
    rulesDone: integer('rules_done').notNull().default(0),
    failedRules: integer('failed_rules').notNull().default(0),
    counts: jsonb('counts').notNull().default({}),
    perRule: jsonb('per_rule').notNull().default([]),
    error: jsonb('error'),
    /** How long evaluating every rule took (one statement per subject); per-rule times are in per_rule. */
    evaluateMs: integer('evaluate_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('rule_runs_area_idx').on(t.areaPath.op('text_pattern_ops'), t.id)],
);

/**
 * Staging: a run's violations of all its rules, written by one statement per subject and consumed rule by rule.
 * UNLOGGED on the server (like the import staging; drizzle cannot say so, the migration does): it is rebuilt by
 * running again, never the only copy of anything, and emptied as each rule is applied.
 */
export const ruleRunHits = pgTable(
  'rule_run_hits',
  {
    runId: integer('run_id').notNull(),
    ruleCode: text('rule_code').notNull(),
    householdId: integer('household_id').notNull(),
    memberId: integer('member_id'),
    areaPath: text('area_path').notNull(),
    evidence: jsonb('evidence').notNull(),
  },
  (t) => [index('rule_run_hits_rule_idx').on(t.runId, t.ruleCode)],
);

/**
 * 问题: one record violating one rule. The key (rule, household, member) makes it the same finding in every run;
 * severity and department are copied from the rule version that last saw it, for filtering on one table.
 */
export const findings = pgTable(
  'findings',
  {
    id: serial('id').primaryKey(),
    ruleCode: text('rule_code')
      .notNull()
      .references(() => rules.code),
    ruleVersion: integer('rule_version').notNull(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    memberId: integer('member_id').references(() => members.id),
    areaPath: text('area_path').notNull(),
    status: text('status').notNull(),
    evidence: jsonb('evidence').notNull().default({}),
    severity: text('severity').notNull(),
    department: text('department').notNull(),
    firstRunId: integer('first_run_id')
      .notNull()
      .references(() => ruleRuns.id),
    lastRunId: integer('last_run_id')
      .notNull()
      .references(() => ruleRuns.id),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reopenedCount: integer('reopened_count').notNull().default(0),
    exemptionId: integer('exemption_id').references(() => ruleExemptions.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** 整改流程 (src/domain/problem-workflow.ts): the second axis, what people did about it; status is what the data says. */
    workflowState: text('workflow_state').notNull().default('pending'),
    /** The last workflow action, so "returned" (退回) shows in the inbox without replaying the history. */
    workflowAction: text('workflow_action'),
    workflowAt: timestamp('workflow_at', { withTimezone: true }),
    /** 整改期限 */
    deadline: date('deadline'),
    /** 整改不实: reported fixed or closed off, then found again by a run or a re-check. Stays set as a mark. */
    falseRectification: boolean('false_rectification').notNull().default(false),
    /** The county the household is in when the problem is created (routing to the county office). */
    countyId: integer('county_id').references(() => areas.id),
  },
  (t) => [
    index('findings_workflow_idx').on(t.workflowState, t.deadline),
    index('findings_county_idx').on(t.countyId, t.department),
    uniqueIndex('findings_key_uq').on(t.ruleCode, t.householdId, sql`coalesce(${t.memberId}, 0)`),
    index('findings_path_idx').on(t.areaPath.op('text_pattern_ops'), t.ruleCode),
    index('findings_rule_status_idx').on(t.ruleCode, t.status),
    index('findings_household_idx').on(t.householdId),
  ],
);

/** A finding's status changes, from runs and from exemptions. */
export const findingEvents = pgTable(
  'finding_events',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    runId: integer('run_id').references(() => ruleRuns.id),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('finding_events_finding_idx').on(t.findingId, t.id)],
);
