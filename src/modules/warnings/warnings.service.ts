import type { Database } from '../../db/database.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import type { RawWarning, ScanOptions, Warning, WarningSubject } from './warning.types.ts';
import { rules } from './warnings.registry.ts';

/** The subject of a warning as one sortable string, keys in RULES.md's order. */
export function subjectKey(w: WarningSubject): string {
  return `${w.regionCode ?? ''}|${w.unitCode ?? ''}|${w.quotaKind ?? ''}|${w.postLevel ?? ''}|${w.idNumber ?? ''}`;
}

/** The subject keys each rule names (RULES.md); other fields are figures. */
const subjectKeys: Record<string, (keyof WarningSubject)[]> = {
  OVER_QUOTA: ['unitCode', 'quotaKind'],
  FULL_QUOTA: ['unitCode', 'quotaKind'],
  OVER_POSTS: ['unitCode', 'postLevel'],
  OFF_QUOTA_LEADER: ['idNumber', 'unitCode'],
  UNIT_NO_DOCUMENT: ['unitCode'],
  STALE_CHARTER: ['unitCode'],
};

/** The subject a finding is identified by: for UNIT_OVER_CAP its region or unit, else the rule's keys. */
export function subjectOf(w: Warning): WarningSubject {
  if (w.rule === 'UNIT_OVER_CAP')
    return w.regionCode ? { regionCode: w.regionCode } : { unitCode: w.unitCode! };
  const keys = subjectKeys[w.rule] ?? ['idNumber'];
  return Object.fromEntries(keys.map((k) => [k, w[k]]));
}

/** A rule's findings as warnings: ID numbers revealed in full, ordered by subject. */
export function revealWarnings(raw: readonly RawWarning[], idCipher: IdCipher): Warning[] {
  const warnings = raw.map(({ idCipher: cipher, ...rest }): Warning => {
    const { rule: code, severity, message, ...figures } = rest;
    const idNumber = cipher === undefined ? {} : { idNumber: idCipher.reveal(cipher) };
    return { rule: code, severity, ...idNumber, ...figures, message } as Warning;
  });
  const keyed = warnings.map((w) => ({ w, key: subjectKey(subjectOf(w)) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ w }) => w);
}

/**
 * Runs every rule (one set-based query each) as of D and for period P; ID numbers revealed in full
 * (the caller has full rights). Ordered by rule as RULES.md lists them, then by subject.
 */
export async function scanAll(
  database: Pick<Database, 'db'>,
  idCipher: IdCipher,
  options: ScanOptions,
): Promise<Warning[]> {
  const result: Warning[] = [];
  for (const rule of rules) result.push(...revealWarnings(await rule.scan(database.db, options), idCipher));
  return result;
}
