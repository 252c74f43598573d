/** Person matching (人员比对匹配): pure logic, no I/O. See README.md in this folder. */
export { cleanName, compareNames, editDistance, nameKeys, normaliseName, NAME_REASONS } from './names.js';
export type { NameComparison, NameKeys, NameLevel, NameReason } from './names.js';
export { comparableId, compareIds, idCandidates } from './id-repair.js';
export type { IdCandidate, IdLevel, IdRepairKind } from './id-repair.js';
export {
  AUTO_THRESHOLD,
  classifyScore,
  compareLocation,
  compareAreas,
  compareBirthDates,
  compareSex,
  sexOf,
  MU_VALUES,
  NEAR_TIE,
  PRIOR_BITS,
  REVIEW_THRESHOLD,
  scoreMatch,
  weightOf,
} from './score.js';
export type {
  AreaLevel,
  BirthLevel,
  MatchClass,
  MatchLevels,
  MatchPerson,
  MatchRecord,
  MatchScore,
  MatchSubject,
  SexLevel,
} from './score.js';
export { bestCandidates, blockingKeys, classify, isNearTie, TOP_CANDIDATES } from './candidates.js';
export type { RankedCandidate } from './candidates.js';
