/**
 * Shapes of the HTTP API as described in docs/api.md. Coded-list names and role codes come straight from the
 * server's domain module (type-only, erased at build time) so the two cannot drift apart.
 */
import type { CodeListName, Role } from '../../../src/domain/codes';

export type { CodeListName, Role };

export type Permission =
  | 'registry.read'
  | 'registry.write'
  | 'users.manage'
  | 'audit.read'
  | 'ids.reveal'
  | 'standards.manage'
  | 'rules.manage'
  | 'rules.run'
  | 'rules.exempt'
  | 'assistance.plan'
  | 'monitoring.override'
  | 'departments.upload'
  | 'departments.match'
  | 'duty.manage'
  | 'duty.approve'
  // 整改流程 (problems)
  | 'problems.handle'
  | 'problems.review'
  | 'problems.supervise';

export interface CodeItem {
  code: string;
  zh: string;
  en: string;
}
export type Codes = Partial<Record<CodeListName, CodeItem[]>>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AreaRef {
  id: number;
  code: string;
  name: string;
  level: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  canRevealIds: boolean;
  mustChangePassword: boolean;
  permissions: Permission[];
  /** `path`: the server sends the names from the city down (docs/api.md does not pin its shape). */
  area: AreaRef & { path: string[] | string };
}

export interface AreaNode extends AreaRef {
  nameEn: string | null;
  hasChildren: boolean;
  cityKeyVillage: boolean;
  provincialKeyVillage: boolean;
  households: number;
}

export interface AreaDetail extends AreaRef {
  ancestors: AreaRef[];
  [extra: string]: unknown;
}

export interface Overview {
  households: number;
  members: number;
  byType: { code: string; households: number }[];
  children: { id: number; name: string; households: number; members: number }[];
}

export type HouseholdStatus = 'active' | 'ended' | 'all';

export interface HouseholdFilters {
  areaId?: number | undefined;
  type?: string | undefined;
  povertyAttribute?: string | undefined;
  mainCause?: string | undefined;
  status?: HouseholdStatus | undefined;
  housingGrade?: string | undefined;
  /** An assessment indicator not met on the latest assessment ('any': some indicator). */
  unmet?: string | undefined;
  q?: string | undefined;
}

export interface ListParams {
  page: number;
  pageSize: number;
  sort?: string | undefined;
}

export interface HouseholdRow {
  id: number;
  householdNo: string;
  areaId: number;
  villageName: string;
  townshipName: string;
  countyName: string;
  type: string;
  povertyAttribute: string | null;
  mainCause: string | null;
  headName: string | null;
  headIdNumber: string | null;
  size: number;
  perCapitaNetIncome: number | null;
  incomePeriodEnd: string | null;
  housingGrade: string | null;
  endedOn: string | null;
}

/** Editable household fields (docs/api.md "Household fields"); numbers may arrive as strings from numeric columns. */
export interface HouseholdFields {
  householdNo: string;
  areaId: number;
  type: string;
  povertyAttribute: string | null;
  mainCause: string | null;
  secondaryCause: string | null;
  contactPhone: string | null;
  liftedYear: number | null;
  helperName: string | null;
  helperUnit: string | null;
  helperPhone: string | null;
  foodSecure: boolean | null;
  clothingSecure: boolean | null;
  housingArea: number | string | null;
  housingStructure: string | null;
  housingGrade: string | null;
  housingAppraisedOn: string | null;
  housingExemption: string | null;
  waterSource: string | null;
  waterQuantityLpd: number | string | null;
  waterPipedToYard: boolean | null;
  waterFetchMinutes: number | string | null;
  waterGuaranteeRate: number | string | null;
  waterQualityOk: boolean | null;
  sanitaryToilet: boolean | null;
  electricity: boolean | null;
  hardenedRoad: boolean | null;
  landCultivated: number | string | null;
  landForest: number | string | null;
  landGrass: number | string | null;
  registeredOn: string | null;
  endedOn: string | null;
  endReason: string | null;
}

export interface MemberFields {
  name: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  relation: string;
  ethnicity: string | null;
  education: string | null;
  schoolStatus: string | null;
  notInSchoolReason: string | null;
  health: string | null;
  disabilityKind: string | null;
  disabilityGrade: string | null;
  disabilityCertNo: string | null;
  labourAbility: string | null;
  employmentPlace: string | null;
  employer: string | null;
  employmentMonths: number | null;
  monthlyWage: number | string | null;
  medicalInsurance: string | null;
  criticalIllnessInsured: boolean | null;
  pensionInsured: boolean | null;
  familyDoctor: boolean | null;
  dibao: boolean;
  tekun: boolean;
  welfarePost: boolean;
  phone: string | null;
}

export interface Member extends MemberFields {
  id: number;
  householdId: number;
  age: number | null;
  joinedOn: string;
  endedOn: string | null;
  endReason: string | null;
  version: number;
}

export interface IncomeFields {
  periodStart: string;
  periodEnd: string;
  wage: number | string;
  business: number | string;
  property: number | string;
  transfer: number | string;
  productionCost: number | string;
  medicalSelfPay: number | string;
  note: string | null;
}

export interface Income extends IncomeFields {
  id: number;
  householdId: number;
  netIncome: number | string;
  householdSize: number;
  perCapitaNetIncome: number | string | null;
  version: number;
}

export interface MemberEvent {
  id: number;
  memberId: number;
  kind: string;
  occurredOn: string;
  note: string | null;
}

export interface HouseholdDetail extends HouseholdFields {
  id: number;
  version: number;
  area: { id: number; name: string; ancestors: AreaRef[] };
  members: Member[];
  incomes: Income[];
  events: MemberEvent[];
}

export interface HistoryChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface HistoryEntry {
  at: string;
  source: 'audit' | 'event';
  action: string;
  entity: string;
  entityId: string | number | null;
  username: string | null;
  changes: HistoryChange[];
  note: string | null;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  areaId: number;
  /** Not named in docs/api.md; shown when the server sends it. */
  area?: AreaRef | null;
  areaName?: string | null;
  department: string | null;
  phone: string | null;
  canRevealIds: boolean;
  active: boolean;
  mustChangePassword?: boolean;
  locked?: boolean;
  lastLoginAt?: string | null;
  version: number;
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaId: number;
  department?: string | null;
  phone?: string | null;
  canRevealIds?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  oldValues: unknown;
  newValues: unknown;
  detail: unknown;
  ip: string | null;
}

export interface AuditFilters {
  username?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}
