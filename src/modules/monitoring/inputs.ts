import { z } from 'zod';
import { codesOf, DISASTER_KINDS, MONITORING_CATEGORIES, MONITORING_RISK_TYPES } from '../../domain/codes.js';
import { CASE_STATUSES, PROCEDURE_STEPS } from '../../domain/monitoring.js';
import { paging } from '../../http/schemas.js';
import { isoDate } from '../registry/inputs.js';
import { CASE_SORTS } from './case-read.js';
import { WARNING_SOURCE_CODES, WARNING_STATUSES } from './warnings.js';

const areaId = z.coerce.number().int().positive().optional();
const text = (max: number) => z.string().trim().min(1).max(max);

export const newWarning = z.object({
  householdId: z.number().int().positive(),
  source: z.enum(WARNING_SOURCE_CODES),
  findingId: z.number().int().positive().nullable().optional(),
  detail: text(1000),
});

export const warningFilter = z.object({
  areaId,
  status: z.enum(WARNING_STATUSES).optional(),
  source: z.enum(WARNING_SOURCE_CODES).optional(),
  q: z.string().trim().min(1).max(60).optional(),
});
export const warningList = warningFilter.extend(paging);

export const dismissBody = z.object({ version: z.number().int().positive(), reason: text(500) });
export const fromPreassessment = z.object({ areaId: z.number().int().positive().optional(), on: isoDate.optional() });

export const newCase = z.object({
  warningId: z.number().int().positive().optional(),
  householdId: z.number().int().positive().optional(),
  category: z.enum(codesOf(MONITORING_CATEGORIES)),
  riskTypes: z.array(z.enum(codesOf(MONITORING_RISK_TYPES))).min(1, '至少选择一种风险类型').max(5, '风险类型最多五种'),
  disasterKind: z.enum(codesOf(DISASTER_KINDS)).nullable().optional(),
  otherNote: z.string().trim().max(200).nullable().optional(),
  identifiedOn: isoDate,
  incomeAtIdentification: z.number().finite().min(-1_000_000).max(10_000_000),
  source: z.enum(WARNING_SOURCE_CODES).optional(),
  findingId: z.number().int().positive().nullable().optional(),
  /** The day the procedure began; default today. */
  openedOn: isoDate.optional(),
});
export type NewCase = z.infer<typeof newCase>;

export const caseFilter = z.object({
  areaId,
  status: z.enum(CASE_STATUSES).optional(),
  step: z.enum(PROCEDURE_STEPS).optional(),
  category: z.enum(codesOf(MONITORING_CATEGORIES)).optional(),
  riskType: z.enum(codesOf(MONITORING_RISK_TYPES)).optional(),
  source: z.enum(WARNING_SOURCE_CODES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  waiting: z.enum(['mine']).optional(),
  q: z.string().trim().min(1).max(60).optional(),
});
export const caseList = caseFilter.extend({ sort: z.enum(CASE_SORTS).default('-id'), ...paging });

export const stepBody = z.object({
  version: z.number().int().positive(),
  step: z.enum(PROCEDURE_STEPS),
  outcome: z.enum(['pass', 'reject']),
  performedOn: isoDate.optional(),
  note: z.string().trim().max(1000).nullable().optional(),
  noticeStart: isoDate.optional(),
  noticeEnd: isoDate.optional(),
});
export type StepBody = z.infer<typeof stepBody>;

export const proposalBody = z.object({ version: z.number().int().positive(), proposedOn: isoDate.optional(), note: z.string().trim().max(1000).nullable().optional() });
export type ProposalBody = z.infer<typeof proposalBody>;
export const overrideBody = z.object({ version: z.number().int().positive(), reason: text(500) });

export const overviewQuery = z.object({ areaId, on: isoDate.optional(), months: z.coerce.number().int().min(1).max(36).default(12) });
export const settingsBody = z.object({
  procedureDaysLimit: z.number().int().min(1).max(365).optional(),
  minMonthsSinceIdentification: z.number().int().min(0).max(120).optional(),
});
