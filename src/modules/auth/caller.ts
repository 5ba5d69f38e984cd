import type { Department, Permission, Role } from '../users/roles.ts';

/**
 * What a caller may see (数据范围): their region and every region below it, never a sibling's; a
 * 单位联络员 only their own unit and the units under it (its internal divisions and subordinate
 * institutions, by the structure in force today).
 */
export interface DataScope {
  regionCode: string;
  /** The only units visible, or null for the whole region scope. */
  unitIds: readonly number[] | null;
}

/** Who is making a request: what policies decide on, and the actor the audit log names. */
export interface Caller {
  userId: number;
  username: string;
  /** As the audit log names them: the username. */
  actor: string;
  roles: readonly Role[];
  permissions: readonly Permission[];
  department: Department | null;
  mustChangePassword: boolean;
  scope: DataScope;
}

export function can(caller: Pick<Caller, 'permissions'>, permission: Permission): boolean {
  return caller.permissions.includes(permission);
}
