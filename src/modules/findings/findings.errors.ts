import { DomainError } from '../../shared/domain-error.ts';
import {
  FINDING_ACTION_LABELS,
  FINDING_STATE_LABELS,
  type FindingAction,
  type FindingState,
} from './findings.model.ts';

/** Also for a finding outside the caller's scope: 404, so its existence does not leak. */
export class FindingNotFoundError extends DomainError {
  constructor(id: number | string) {
    super('findings.not_found', `问题 ${id} 不存在`, 'not_found');
  }
}

export class FindingStateError extends DomainError {
  constructor(number: string, state: FindingState, action: FindingAction) {
    super(
      'findings.invalid_state',
      `问题 ${number} 当前为“${FINDING_STATE_LABELS[state]}”，不能“${FINDING_ACTION_LABELS[action]}”`,
      'conflict',
    );
  }
}

/** 对号结账 is done by someone other than the person who registered the finding. */
export class SameVerifierError extends DomainError {
  constructor(number: string) {
    super('findings.same_verifier', `问题 ${number} 由您登记，须由其他人员核验`, 'forbidden');
  }
}

export class WarningAlreadyTakenError extends DomainError {
  constructor(warningId: number, number: string) {
    super('findings.warning_taken', `预警 ${warningId} 已登记为问题 ${number}，尚未销号`, 'conflict');
  }
}

export class WarningNotFoundError extends DomainError {
  constructor(warningId: number) {
    super('findings.warning_not_found', `预警 ${warningId} 不存在`, 'not_found');
  }
}

export class FindingUnitNotFoundError extends DomainError {
  constructor(code: string) {
    super('findings.unit_not_found', `单位 ${code} 不存在`, 'not_found');
  }
}

export class FindingInputError extends DomainError {
  constructor(message: string) {
    super('findings.invalid', message, 'invalid');
  }
}

export class EvidenceNotFoundError extends DomainError {
  constructor(id: number) {
    super('findings.evidence_not_found', `佐证材料 ${id} 不存在`, 'not_found');
  }
}

export class NoticeNotFoundError extends DomainError {
  constructor(id: number) {
    super('findings.notice_not_found', `整改通知书 ${id} 不存在`, 'not_found');
  }
}
