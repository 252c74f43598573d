import { z } from 'zod';
import { CADRE_ROLE_CODES, SECRETARY_LEVELS, VISIT_METHODS } from '../../domain/duty.js';
import { questions } from '../../domain/duty-forms.js';
import { isoDate } from '../registry/inputs.js';
import { paging } from '../../http/schemas.js';

const text = (max: number) => z.string().trim().max(max);
const phone = z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确 / phone number');

export const cadreFields = z.object({
  name: text(40).min(1),
  unit: text(100).nullable().optional(),
  phone: phone.nullable().optional(),
  userId: z.number().int().positive().nullable().optional(),
  areaId: z.number().int().positive(),
  note: text(500).nullable().optional(),
});
export type CadreFields = z.infer<typeof cadreFields>;
export const cadrePatch = cadreFields.partial().extend({ version: z.number().int().positive() });
export type CadrePatch = z.infer<typeof cadrePatch>;

export const cadreFilter = z.object({
  q: text(40).min(1).optional(),
  areaId: z.coerce.number().int().positive().optional(),
  role: z.enum(CADRE_ROLE_CODES).optional(),
  ...paging,
});
export type CadreFilter = z.infer<typeof cadreFilter>;

export const newAssignment = z.object({
  role: z.enum(CADRE_ROLE_CODES),
  /** For 帮扶责任人. */
  householdId: z.number().int().positive().optional(),
  /** For residents (a village) and secretaries (an area of their level). */
  areaId: z.number().int().positive().optional(),
  startsOn: isoDate,
});
export type NewAssignment = z.infer<typeof newAssignment>;

export const endAssignment = z.object({ version: z.number().int().positive(), endsOn: isoDate, reason: text(200).min(1) });
export type EndAssignment = z.infer<typeof endAssignment>;
export const approveReplacement = z.object({ version: z.number().int().positive(), note: text(500).min(1) });

export const newLockPeriod = z.object({ areaId: z.number().int().positive(), startsOn: isoDate, endsOn: isoDate, note: text(200).nullable().optional() });
export type NewLockPeriod = z.infer<typeof newLockPeriod>;

export const WARNING_KINDS = ['missing_helper', 'few_resident_cadres', 'unapproved_replacement'] as const;
export type DutyWarningKind = (typeof WARNING_KINDS)[number];
export const warningFilter = z.object({
  kind: z.enum(WARNING_KINDS),
  areaId: z.coerce.number().int().positive().optional(),
  on: isoDate.optional(),
});
export type WarningFilter = z.infer<typeof warningFilter>;

/** Photos travel as base64 inside the JSON of the visit: one request from a phone, no multipart. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const newVisit = z
  .object({
    cadreId: z.number().int().positive().optional(),
    householdId: z.number().int().positive().optional(),
    areaId: z.number().int().positive().optional(),
    visitedOn: isoDate,
    method: z.enum(VISIT_METHODS.map((m) => m.code) as ['in_person', 'phone']),
    findings: text(1000).nullable().optional(),
    followUp: text(1000).nullable().optional(),
    photo: z
      .object({ contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']), base64: z.string().max(Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 8) })
      .optional(),
  })
  .refine((v) => (v.householdId === undefined) !== (v.areaId === undefined), { message: '请选择农户或村（乡镇），二选一', path: ['householdId'] });
export type NewVisit = z.infer<typeof newVisit>;

export const visitFilter = z.object({
  areaId: z.coerce.number().int().positive().optional(),
  cadreId: z.coerce.number().int().positive().optional(),
  householdId: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paging,
});
export type VisitFilter = z.infer<typeof visitFilter>;

export const coverageQuery = z.object({
  areaId: z.coerce.number().int().positive().optional(),
  from: isoDate,
  to: isoDate,
  /** Whose visits count: a secretary level, or any cadre. */
  level: z.enum([...SECRETARY_LEVELS, 'any']).default('any'),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;
export const UNVISITED_KINDS = ['township', 'key_village', 'household'] as const;
export const unvisitedQuery = coverageQuery.extend({ kind: z.enum(UNVISITED_KINDS) });
export type UnvisitedQuery = z.infer<typeof unvisitedQuery>;

export const POPULATIONS = ['all', 'lifted_monitored'] as const;
export const newCampaign = z
  .object({
    title: text(100).min(1),
    template: z.string().max(40).optional(),
    questions: questions.optional(),
    areaId: z.number().int().positive(),
    population: z.enum(POPULATIONS),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
  })
  .refine((v) => v.template !== undefined || v.questions !== undefined, { message: '请选择模板或填写问题', path: ['template'] });
export type NewCampaign = z.infer<typeof newCampaign>;

export const taskFilter = z.object({
  areaId: z.coerce.number().int().positive().optional(),
  status: z.enum(['pending', 'done', 'risky']).optional(),
  ...paging,
});
export type TaskFilter = z.infer<typeof taskFilter>;
export const fillTask = z.object({
  version: z.number().int().positive(),
  answers: z.record(z.string(), z.union([z.boolean(), z.number(), z.string(), z.null()])),
});
export type FillTask = z.infer<typeof fillTask>;
export const assignTasks = z.object({ villageId: z.number().int().positive(), cadreId: z.number().int().positive().nullable() });
