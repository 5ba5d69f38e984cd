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
  settings: Readonly<Record<string, number>>;
  /** One set-based query over the whole database. */
  scan(db: Db, options: ScanOptions): Promise<RawWarning[]>;
}
