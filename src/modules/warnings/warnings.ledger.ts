import { type Db, query, sql } from '../../db/database.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { maskIdNumber } from '../identity/id-number.ts';
import type { Warning } from './warning.types.ts';
import { subjectOf } from './warnings.service.ts';

/** A warning as stored: its identity and placement, its last figures; no ID number in clear. */
export interface WarningRow {
  rule: string;
  subject_key: string;
  severity: string;
  region_code: string | null;
  unit_code: string | null;
  id_index: string | null;
  id_masked: string | null;
  message: string;
  figures: Record<string, unknown>;
}

export interface ScanCounts {
  found: number;
  /** First sightings. */
  new: number;
  /** Open and found again. */
  seenAgain: number;
  /** Resolved before and found again: open once more. */
  reopened: number;
  resolved: number;
}

export interface RecordScanOptions {
  /** The date the scan was made as of. */
  asOf: string;
  period: string;
  /** Today: only a scan as of today changes the stored warnings. */
  today: string;
  actor: string;
  idCipher: IdCipher;
}

/** The stored form of a warning: its subject key (`RULE|field|…`, an ID number by its index). */
export function toWarningRow(w: Warning, idCipher: IdCipher): WarningRow {
  const idIndex = w.idNumber ? idCipher.index(w.idNumber) : null;
  const subject = subjectOf(w);
  const parts = Object.entries(subject).map(([k, v]) =>
    k === 'idNumber' ? (idIndex ?? '') : typeof v === 'string' ? v : '',
  );
  const { rule, severity, message, idNumber, ...figures } = w;
  void idNumber;
  return {
    rule,
    subject_key: [rule, ...parts].join('|'),
    severity,
    region_code: w.regionCode ?? null,
    unit_code: w.unitCode ?? null,
    id_index: idIndex,
    id_masked: w.idNumber ? maskIdNumber(w.idNumber) : null,
    message,
    figures,
  };
}

/**
 * Records a scan (RULES.md "Warnings over time"), set-based: a scan as of today upserts every warning
 * found (first sighting kept, last sighting today, reopened if it had been resolved) and resolves
 * every open warning it did not find, with one audit entry for the scan. A scan as of another date
 * answers a question only: it changes nothing and returns null.
 */
export async function recordScan(
  tx: Db,
  audit: AuditRecorder,
  found: readonly Warning[],
  options: RecordScanOptions,
): Promise<ScanCounts | null> {
  if (options.asOf !== options.today) return null;
  const today = options.today;
  const rows = JSON.stringify(found.map((w) => toWarningRow(w, options.idCipher)));
  const foundSet = sql`found AS (
    SELECT DISTINCT ON (f.rule, f.subject_key) f.*
    FROM jsonb_to_recordset(${rows}::jsonb) AS f(rule text, subject_key text, severity text,
      region_code text, unit_code text, id_index text, id_masked text, message text, figures jsonb)
    ORDER BY f.rule, f.subject_key
  )`;
  const [upserted] = await query<{ new: number; seen_again: number; reopened: number }>(
    tx,
    sql`WITH ${foundSet},
    placed AS (
      SELECT f.*, coalesce(f.region_code, u.region_code, p.region_code, '') AS region, u.id AS unit_id
      FROM found f
      LEFT JOIN units u ON u.code = f.unit_code
      LEFT JOIN persons p ON p.id_index = f.id_index
    ),
    prev AS (
      SELECT w.rule, w.subject_key, w.resolved_on IS NOT NULL AS was_resolved
      FROM warnings w JOIN found f ON f.rule = w.rule AND f.subject_key = w.subject_key
    ),
    saved AS (
      INSERT INTO warnings (rule, subject_key, region_code, unit_id, unit_code, id_index, id_masked,
        severity, first_seen_on, last_seen_on, resolved_on, message, figures)
      SELECT rule, subject_key, region, unit_id, unit_code, id_index, id_masked, severity,
        ${today}::date, ${today}::date, NULL, message, figures
      FROM placed
      ON CONFLICT (rule, subject_key) DO UPDATE SET
        region_code = excluded.region_code, unit_id = excluded.unit_id, unit_code = excluded.unit_code,
        id_masked = excluded.id_masked, severity = excluded.severity,
        last_seen_on = excluded.last_seen_on, resolved_on = NULL,
        message = excluded.message, figures = excluded.figures
      RETURNING rule, subject_key
    )
    SELECT count(*) FILTER (WHERE p.rule IS NULL)::int AS new,
      count(*) FILTER (WHERE p.rule IS NOT NULL AND NOT p.was_resolved)::int AS seen_again,
      count(*) FILTER (WHERE p.was_resolved)::int AS reopened
    FROM saved s LEFT JOIN prev p ON p.rule = s.rule AND p.subject_key = s.subject_key`,
  );
  const [closed] = await query<{ resolved: number }>(
    tx,
    sql`WITH ${foundSet},
    done AS (
      UPDATE warnings w SET resolved_on = ${today}::date
      WHERE w.resolved_on IS NULL
        AND NOT EXISTS (SELECT 1 FROM found f WHERE f.rule = w.rule AND f.subject_key = w.subject_key)
      RETURNING 1
    )
    SELECT count(*)::int AS resolved FROM done`,
  );
  const counts: ScanCounts = {
    found: found.length,
    new: upserted?.new ?? 0,
    seenAgain: upserted?.seen_again ?? 0,
    reopened: upserted?.reopened ?? 0,
    resolved: closed?.resolved ?? 0,
  };
  await audit.record({
    actor: options.actor,
    action: 'scan',
    entity: 'warnings',
    entityKey: today,
    details: { asOf: options.asOf, period: options.period, ...counts },
  });
  return counts;
}
