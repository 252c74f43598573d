import { createInterface } from 'node:readline/promises';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import type { Department, Role } from '../domain/codes.js';
import { labelOf } from '../domain/codes.js';
import { AppError } from '../errors.js';
import { users } from '../modules/accounts/schema.js';
import { createUser, setPasswordAsSystem } from '../modules/accounts/users.js';
import { areas } from '../modules/areas/schema.js';
import { openConfiguredDatabase } from '../server.js';

async function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new AppError('BAD_REQUEST', 'No terminal to ask for the password: pass --password', '无法交互输入密码，请使用 --password');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

export async function usersAdd(opts: {
  username: string;
  name: string;
  role: Role;
  area: string;
  department?: Department;
  password?: string;
  revealIds?: boolean;
}) {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const [area] = await database.db.select().from(areas).where(and(eq(areas.code, opts.area), isNull(areas.validTo)));
    if (!area) throw new AppError('NOT_FOUND', `No current area with code ${opts.area}`, `区划代码${opts.area}不存在`);
    const password = opts.password ?? (await askPassword('初始密码 Initial password: '));
    const user = await createUser(database.db, null, {
      username: opts.username,
      displayName: opts.name,
      password,
      role: opts.role,
      areaId: area.id,
      department: opts.department ?? null,
      canRevealIds: opts.revealIds ?? false,
      mustChangePassword: true,
    });
    console.log(`已创建 Created ${user.username} (${labelOf('role', user.role)}, ${area.name})`);
  } finally {
    await database.close();
  }
}

export async function usersList() {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const rows = await database.db
      .select({ u: users, area: areas.name })
      .from(users)
      .innerJoin(areas, eq(areas.id, users.areaId))
      .orderBy(asc(users.username));
    console.table(
      rows.map(({ u, area }) => ({
        username: u.username,
        name: u.displayName,
        role: labelOf('role', u.role),
        area,
        department: u.department ? labelOf('department', u.department) : '',
        active: u.active,
      })),
    );
  } finally {
    await database.close();
  }
}

export async function usersPasswd(username: string, opts: { password?: string }) {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const password = opts.password ?? (await askPassword('新密码 New password: '));
    await setPasswordAsSystem(database.db, username, password);
    console.log(`已设置 Password set for ${username}`);
  } finally {
    await database.close();
  }
}
