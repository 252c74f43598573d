/** Plausible ages (on the reference date) for each school stage; outside them the record is almost surely wrong. */
export const SCHOOL_STAGE_AGES: Readonly<Record<string, readonly [number, number]>> = {
  preschool: [3, 6],
  primary: [6, 13],
  junior: [11, 17],
  senior_1: [14, 21],
  senior_2: [14, 21],
  senior_3: [14, 21],
  higher_vocational: [16, 25],
  college: [16, 30],
};
