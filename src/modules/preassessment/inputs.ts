import { z } from 'zod';
import { codesOf, POVERTY_CAUSES } from '../../domain/codes.js';
import { paging } from '../../http/schemas.js';
import { isoDate } from '../registry/inputs.js';

const areaId = z.coerce.number().int().positive().optional();

export const belowLineQuery = z.object({
  areaId,
  /** Projection date; default today in China. */
  on: isoDate.optional(),
  mainCause: z.enum(codesOf(POVERTY_CAUSES)).optional(),
  /** Gap per person, yuan. */
  gapMin: z.coerce.number().min(0).optional(),
  gapMax: z.coerce.number().min(0).optional(),
  sort: z.enum(['-gapPerPerson', 'gapPerPerson', '-gap', 'gap', 'perCapita', '-perCapita', 'householdNo', '-householdNo']).default('-gapPerPerson'),
  ...paging,
});
export type BelowLineQuery = z.infer<typeof belowLineQuery>;

export const summaryQuery = z.object({ areaId, on: isoDate.optional() });

const name = z.string().trim().min(1).max(40);
const age = z.number().int().min(0).max(120);

export const planBody = z.object({
  /** The area whose households the plan covers; default the user's own. */
  areaId: z.number().int().positive().optional(),
  on: isoDate.optional(),
  /** When the plan's measures start; default the day after the projection date. */
  measuresStartOn: isoDate.optional(),
  posts: z
    .array(
      z.object({
        name,
        /** Yuan per post per year. */
        wage: z.number().positive().max(1_000_000),
        posts: z.number().int().min(0).max(1_000_000),
        /** Default: the labour_age_min and welfare_post_age_max standards. */
        ageMin: age.optional(),
        ageMax: age.optional(),
      }),
    )
    .max(6)
    .default([]),
  dividends: z
    .array(
      z.object({
        name,
        valuePerShare: z.number().positive().max(1_000_000),
        shares: z.number().int().min(0).max(10_000_000),
        perHousehold: z.number().int().min(1).max(100),
      }),
    )
    .max(4)
    .default([]),
  dibao: z.object({ enabled: z.boolean(), households: z.number().int().min(0).max(10_000_000).nullable().optional() }).default({ enabled: false }),
  maxPostsPerPerson: z.number().int().min(1).max(4).default(2),
});
export type PlanBody = z.infer<typeof planBody>;

export const plansQuery = z.object({ areaId, status: z.enum(['draft', 'accepted']).optional(), ...paging });
export type PlansQuery = z.infer<typeof plansQuery>;

export const planHouseholdsQuery = z.object({ outcome: z.enum(['closed', 'unclosable']).optional(), ...paging });
export type PlanHouseholdsQuery = z.infer<typeof planHouseholdsQuery>;
