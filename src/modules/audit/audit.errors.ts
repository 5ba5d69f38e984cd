import { DomainError } from '../../shared/domain-error.ts';

export type AuditErrorCode =
  | 'audit.bulk_open'
  | 'audit.bulk_closed'
  | 'audit.bulk_unfinished'
  | 'audit.recorder_closed'
  | 'audit.reserved_detail'
  | 'audit.checkpoint_unset'
  | 'audit.checkpoint_failed';

/** Misuse of the audit trail (a programming error) or a checkpoint that cannot be placed or written. */
export class AuditError extends DomainError {
  constructor(
    override readonly code: AuditErrorCode,
    message: string,
  ) {
    super(code, message, code === 'audit.checkpoint_failed' ? 'conflict' : 'invalid');
    this.name = 'AuditError';
  }
}
