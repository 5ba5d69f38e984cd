import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';

export type Severity = '违规' | '风险' | '提示';
export type RuleClass = '机构设置' | '编制使用' | '领导职数' | '人员管理' | '财政供养比对';

export interface ScanOptions {
  /** The date D, YYYY-MM-DD. */
  asOf: string;
  /** The pay period P, YYYY-MM. */
  period: string;
}

/** The subject keys RULES.md names; a warning carries those of its rule. */
export interface WarningSubject {
  regionCode?: string;
  unitCode?: string;
  quotaKind?: string;
  postLevel?: string;
  idNumber?: string;
}

export interface Warning extends WarningSubject {
  rule: string;
  severity: Severity;
  message: string;
  [figure: string]: unknown;
}

/**
 * What a rule's query yields: a warning whose ID number may still be encrypted (`idCipher`); the
 * service reveals it with the caller's rights.
 */
export interface RawWarning extends Omit<Warning, 'idNumber'> {
  idCipher?: string;
}

export interface Rule {
  code: string;
  name: string;
  class: RuleClass;
  severity: Severity;
  /** Each setting's default (RULES.md "(setting)"); a region may set its own value. */
  settings: Readonly<Record<string, number>>;
  /** What each setting means and the values a region may give it. */
  settingLimits?: Readonly<Record<string, SettingLimit>>;
  /** One set-based query over the whole database, each subject under its region's settings. */
  scan(db: Db, options: ScanOptions): Promise<RawWarning[]>;
  /**
   * Prevention (RULES.md "事前预防"): the warning this rule would give the subject of a proposed seat
   * once the seat is in, when the seat adds to it; indexed lookups for that subject only.
   */
  check?: SubjectCheck;
}

/**
 * A rule's single-subject check in two halves, so that prevention reads every rule's rows in one
 * statement: the SELECT for the proposed seat (null when the rule cannot concern it), and the
 * warning those rows make.
 */
export interface SubjectCheck {
  query(proposal: ResolvedProposal): SQL | null;
  result(proposal: ResolvedProposal, rows: readonly unknown[]): RawWarning[];
}

export interface SettingLimit {
  label: string;
  min: number;
  max: number;
}

/** A proposed seat (see `warnings.prevention.ts`) with its units and person looked up. */
export interface ResolvedProposal {
  /** The date D the seat starts: every figure is as of D. */
  asOf: string;
  /** The person, when already on the roster. */
  personId: number | null;
  idCipher: string;
  name: string;
  unitId: number;
  quotaKind: string;
  category: string;
  postLevel: string | null;
  postRank: string | null;
  /** The post unit: `postUnitCode`'s, else the seat's unit. */
  postUnitId: number;
  /** The seat the change ends on D, not counted (0: none). */
  endsSeatId: number;
  /** Approved but unseated hires counting against the unit and kind. */
  reserved: number;
  /** Appointments awaiting 组织部 to the proposed post's unit and level. */
  reservedPosts: number;
}
