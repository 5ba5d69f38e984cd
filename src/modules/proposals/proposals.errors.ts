import { DomainError } from '../../shared/domain-error.ts';
import {
  CHANGE_KIND_LABELS,
  type ChangeKind,
  PROPOSAL_STATE_LABELS,
  type ProposalState,
} from './proposals.model.ts';

export class ProposalNotFoundError extends DomainError {
  constructor(id: number) {
    super('proposals.not_found', `动议事项不存在：${id}`, 'not_found');
  }
}

export class ProposalStateError extends DomainError {
  constructor(state: ProposalState, what: string) {
    super('proposals.state', `动议事项${PROPOSAL_STATE_LABELS[state]}，不能${what}`, 'conflict');
  }
}

export class ProposalInputError extends DomainError {
  constructor(message: string) {
    super('proposals.invalid', message, 'invalid');
  }
}

/**
 * A change that cannot be applied as the data stand on its date (the quota is not there, the unit
 * still has people …): names the change by its place and kind, and nothing of the proposal is written.
 */
export class ChangeRefusedError extends DomainError {
  constructor(seq: number, kind: ChangeKind, reason: string) {
    super('proposals.change_refused', `第 ${seq} 项（${CHANGE_KIND_LABELS[kind]}）：${reason}`, 'conflict');
  }
}

export class ProposalFileNotFoundError extends DomainError {
  constructor(id: number) {
    super('proposals.file_not_found', `材料不存在：${id}`, 'not_found');
  }
}
