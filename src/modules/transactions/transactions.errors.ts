import { DomainError } from '../../shared/domain-error.ts';
import type { Warning } from '../warnings/warning.types.ts';

export class FlowInputError extends DomainError {
  constructor(message: string) {
    super('transactions.invalid', message, 'invalid');
  }
}

export class FlowNotFoundError extends DomainError {
  constructor(what: string, id: number | string) {
    super('transactions.not_found', `${what} ${id} 不存在`, 'not_found');
  }
}

export class FlowConflictError extends DomainError {
  constructor(message: string) {
    super('transactions.conflict', message, 'conflict');
  }
}

/**
 * 事前预防: the change would make a rule fire (or add to it). The message is the rules' own, so the
 * clerk reads the same explanation the scan would give afterwards.
 */
export class PreventedError extends DomainError {
  constructor(readonly warnings: Warning[]) {
    super(
      'transactions.prevented',
      `不予办理：${warnings.map((w) => `【${w.rule}】${w.message}`).join('；')}`,
      'conflict',
    );
  }
}

export class NoVacancyError extends DomainError {
  constructor(message: string) {
    super('transactions.no_vacancy', message, 'conflict');
  }
}

export class OverrideForbiddenError extends DomainError {
  constructor() {
    super('transactions.override_forbidden', '您没有越权办理的权限，请由有权限的人员办理', 'forbidden');
  }
}
