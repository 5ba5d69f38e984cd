/**
 * What went wrong, in terms the user can act on: a stable `code` the UI translates (`org.unit_not_found`)
 * and a Chinese message. The HTTP layer maps `kind` to a status; the domain never names one.
 */
export type DomainErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'locked';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
