/**
 * The establishment figures as RULES.md defines them ("Terms"), as pure functions over rows already in
 * memory. The repository computes the same figures set-based in SQL; the integration tests hold the
 * two to each other.
 */

/** 编制类型, in the order FORMAT.md lists them. */
export const QUOTA_KINDS = [
  'administrative',
  'political_legal',
  'logistics',
  'institutional',
  'school_staff',
  'turnover',
] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/** 职数类别 */
export const POST_LEVELS = ['head', 'deputy', 'division_head', 'division_deputy'] as const;
export type PostLevel = (typeof POST_LEVELS)[number];

/** One signed, dated change of a ledger. */
export interface LedgerChange {
  amount: number;
  effectiveOn: string;
}

export interface QuotaLedgerRow extends LedgerChange {
  kind: string;
}

export interface PostLedgerRow extends LedgerChange {
  level: string;
}

export interface SeatSpan {
  enteredOn: string;
  exitedOn: string | null;
}

export interface QuotaSeat extends SeatSpan {
  unitId: number;
  quotaKind: string;
}

export interface UnitSpan {
  establishedOn: string | null;
  abolishedOn: string | null;
}

/** A dated version: in force from `validFrom` (null: from the beginning) until the next one. */
export interface Dated {
  validFrom: string | null;
}

/** The sum of the changes effective on or before `date` (a change takes effect on its own day). */
export function ledgerSum(rows: readonly LedgerChange[], date: string): number {
  let sum = 0;
  for (const row of rows) if (row.effectiveOn <= date) sum += row.amount;
  return sum;
}

/** approved(unit, kind, D): the quota ledger rows of one unit, summed for a kind up to D. */
export function approved(rows: readonly QuotaLedgerRow[], kind: string, date: string): number {
  return ledgerSum(
    rows.filter((row) => row.kind === kind),
    date,
  );
}

/** posts(unit, level, D): the post ledger rows of one unit, summed for a level up to D. */
export function posts(rows: readonly PostLedgerRow[], level: string, date: string): number {
  return ledgerSum(
    rows.filter((row) => row.level === level),
    date,
  );
}

/** A seat is active on D when entered_on ≤ D and it has not exited on or before D. */
export function isSeatActive(seat: SeatSpan, date: string): boolean {
  return seat.enteredOn <= date && (seat.exitedOn === null || seat.exitedOn > date);
}

/** A unit is active on D when established by D (or undated) and not abolished on or before D. */
export function isUnitActive(unit: UnitSpan, date: string): boolean {
  return (
    (unit.establishedOn === null || unit.establishedOn <= date) &&
    (unit.abolishedOn === null || unit.abolishedOn > date)
  );
}

/** headcount(unit, kind, D): the active seats the unit holds of that kind. */
export function headcount(seats: readonly QuotaSeat[], unitId: number, kind: string, date: string): number {
  let count = 0;
  for (const seat of seats)
    if (seat.unitId === unitId && seat.quotaKind === kind && isSeatActive(seat, date)) count++;
  return count;
}

/** 空编: approved − headcount − reserved (approved hires not yet seated, 用编核准). */
export function vacancy(approvedCount: number, headcountCount: number, reserved = 0): number {
  return approvedCount - headcountCount - reserved;
}

/** The version in force on D: the greatest valid_from ≤ D, a null valid_from being the earliest. */
export function versionAsOf<T extends Dated>(versions: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const version of versions) {
    if (version.validFrom !== null && version.validFrom > date) continue;
    if (found === undefined || (found.validFrom ?? '') < (version.validFrom ?? '')) found = version;
  }
  return found;
}

/** A seat's leadership post as one dated version (seat_posts). */
export interface PostVersion extends Dated {
  postLevel: string | null;
  /** Where the post is held; null: the seat's own unit. */
  postUnitId: number | null;
}

export interface LeaderSeat extends SeatSpan {
  unitId: number;
  posts: readonly PostVersion[];
}

/** What the counting needs of a unit's version in force: is it an internal division, and of whom. */
export interface UnitShape {
  kind: string;
  parentId: number | null;
}

/**
 * The unit a leader counts against (OVER_POSTS): head and deputy against the post unit;
 * division_head and division_deputy against the parent of the post unit when that is an internal
 * division, else against the post unit itself.
 */
export function chargedUnitId(level: string, postUnitId: number, postUnit: UnitShape | undefined): number {
  const isDivisionLevel = level === 'division_head' || level === 'division_deputy';
  if (isDivisionLevel && postUnit?.kind === 'internal_division' && postUnit.parentId !== null)
    return postUnit.parentId;
  return postUnitId;
}

/**
 * The leaders counted against a unit for a post level on D: active seats whose post in force on D
 * has that level and is charged to the unit. `unitAsOf` gives a unit's version in force on D.
 */
export function leaderCount(
  seats: readonly LeaderSeat[],
  unitAsOf: (unitId: number) => UnitShape | undefined,
  unitId: number,
  level: string,
  date: string,
): number {
  let count = 0;
  for (const seat of seats) {
    if (!isSeatActive(seat, date)) continue;
    const post = versionAsOf(seat.posts, date);
    if (post?.postLevel !== level) continue;
    const postUnitId = post.postUnitId ?? seat.unitId;
    if (chargedUnitId(level, postUnitId, unitAsOf(postUnitId)) === unitId) count++;
  }
  return count;
}
