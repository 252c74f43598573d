import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Department, Role } from '../domain/codes.js';
import { makeIdNumber } from '../domain/id-number.js';
import { actorForUser } from '../modules/accounts/sessions.js';
import { createUser } from '../modules/accounts/users.js';
import { areas } from '../modules/areas/schema.js';
import { createHousehold } from '../modules/registry/households.js';
import type { HouseholdFields, MemberFields } from '../modules/registry/inputs.js';

export const PASSWORD = 'Test-pass-2020';

async function addArea(db: Db, code: string, name: string, level: string, parent?: { id: number; path: string }) {
  const [row] = await db.insert(areas).values({ code, name, level, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await db.update(areas).set({ path }).where(eq(areas.id, row!.id));
  return { ...row!, path };
}

/** A small city: two counties (冠县, 莘县), a township in each, two villages per township. */
export async function makeCity(db: Db) {
  const city = await addArea(db, '371500', '聊城市', 'city');
  const guan = await addArea(db, '371525', '冠县', 'county', city);
  const shen = await addArea(db, '371522', '莘县', 'county', city);
  const guanTown = await addArea(db, '371525101', '东古城镇', 'township', guan);
  const shenTown = await addArea(db, '371522101', '燕店镇', 'township', shen);
  const guanV1 = await addArea(db, '371525101001', '前村', 'village', guanTown);
  const guanV2 = await addArea(db, '371525101002', '后村', 'village', guanTown);
  const shenV1 = await addArea(db, '371522101001', '东村', 'village', shenTown);
  const shenV2 = await addArea(db, '371522101002', '西村', 'village', shenTown);
  return { city, guan, shen, guanTown, shenTown, guanV1, guanV2, shenV1, shenV2 };
}

let userSeq = 0;
export async function makeUser(
  db: Db,
  role: Role,
  areaId: number,
  extra: { department?: Department; canRevealIds?: boolean; username?: string } = {},
) {
  const username = extra.username ?? `${role}_${++userSeq}`;
  const user = await createUser(db, null, {
    username,
    displayName: username,
    password: PASSWORD,
    role,
    areaId,
    department: extra.department ?? (role === 'department_officer' ? 'education' : null),
    canRevealIds: extra.canRevealIds ?? false,
    mustChangePassword: false,
  });
  const actor = await actorForUser(db, user.id);
  return { user, actor: actor!, username };
}

let idSeq = 1;
/** A valid ID number, different each call. */
export function newIdNumber(birthDate = '1970-05-01', sex: 'male' | 'female' = 'male', area = '371525'): string {
  const n = (idSeq++ % 499) * 2 + (sex === 'male' ? 1 : 0);
  return makeIdNumber(area, birthDate, n);
}

export function memberInput(overrides: Partial<MemberFields> = {}): MemberFields {
  return {
    name: '张三',
    idNumber: newIdNumber(),
    relation: 'head',
    medicalInsurance: 'resident',
    criticalIllnessInsured: true,
    labourAbility: 'ordinary',
    health: 'healthy',
    ...overrides,
  } as MemberFields;
}

let hhSeq = 0;
export async function makeHousehold(
  db: Db,
  actor: Parameters<typeof createHousehold>[1],
  areaId: number,
  fields: Partial<HouseholdFields> = {},
  members: MemberFields[] = [memberInput()],
) {
  const id = await createHousehold(db, actor, {
    householdNo: `T${String(++hhSeq).padStart(6, '0')}${Math.floor(Math.random() * 1e6)}`,
    areaId,
    type: 'lifted',
    povertyAttribute: 'general',
    mainCause: 'illness',
    registeredOn: '2015-03-01',
    ...fields,
    members,
  });
  return id;
}
