import { DomainError } from '../../shared/domain-error.ts';

/** Also for a user outside the caller's scope: 404, so existence does not leak. */
export class UserNotFoundError extends DomainError {
  constructor(id: number | string) {
    super('users.not_found', `用户 ${id} 不存在`, 'not_found');
  }
}

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super('users.username_taken', `用户名 ${username} 已被使用`, 'conflict');
  }
}

export class RolesConflictError extends DomainError {
  constructor(reason: string) {
    super('users.roles_conflict', reason, 'conflict');
  }
}

export class SelfGrantError extends DomainError {
  constructor() {
    super('users.self_grant', '不能为自己授予或变更角色', 'forbidden');
  }
}

export class SelfDisableError extends DomainError {
  constructor() {
    super('users.self_disable', '不能停用自己的账号', 'forbidden');
  }
}

export class UnitRequiredError extends DomainError {
  constructor() {
    super('users.unit_required', '单位联络员须指定所属单位（unitCode）', 'invalid');
  }
}

export class DepartmentRequiredError extends DomainError {
  constructor() {
    super('users.department_required', '部门查询账号须指定所属部门（department）', 'invalid');
  }
}

export class UnitOutsideRegionError extends DomainError {
  constructor(unitCode: string, regionCode: string) {
    super('users.unit_outside_region', `单位 ${unitCode} 不属于行政区划 ${regionCode}`, 'invalid');
  }
}
