import { DomainError } from '../../shared/domain-error.ts';

export class UnauthenticatedError extends DomainError {
  constructor() {
    super('auth.unauthorized', '未登录或登录已过期，请重新登录', 'unauthenticated');
  }
}

/** The same words whether the user exists or not, so a guess learns nothing. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('auth.invalid_credentials', '用户名或密码错误', 'unauthenticated');
  }
}

export class AccountLockedError extends DomainError {
  constructor(minutes: number) {
    super(
      'auth.locked',
      `密码连续输错次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系系统管理员`,
      'locked',
    );
  }
}

export class AccountDisabledError extends DomainError {
  constructor() {
    super('auth.disabled', '账号已停用，请联系系统管理员', 'forbidden');
  }
}

export class CsrfError extends DomainError {
  constructor() {
    super('auth.csrf', '请求缺少有效的防跨站令牌（x-csrf-token），请刷新页面后重试', 'forbidden');
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('auth.forbidden', '您的角色无权进行此操作', 'forbidden');
  }
}

export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super('auth.password_change_required', '请先修改初始密码', 'forbidden');
  }
}

export class WrongPasswordError extends DomainError {
  constructor() {
    super('auth.wrong_password', '当前密码不正确', 'invalid');
  }
}

export class WeakPasswordError extends DomainError {
  constructor(problem: string) {
    super('auth.weak_password', problem, 'invalid');
  }
}

export class PasswordReusedError extends DomainError {
  constructor() {
    super('auth.password_reused', '新密码不能与当前密码相同', 'invalid');
  }
}
