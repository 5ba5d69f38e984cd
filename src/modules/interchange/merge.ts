import { sql } from 'drizzle-orm';
import { type Db, query } from '../../db/database.ts';
import type { BulkAuditEntry } from '../audit/audit.service.ts';

/**
 * The generic merge of a staged file into its table, by natural key: rows whose key is new are
 * inserted, rows whose key exists and whose present columns differ are updated (a column the file
 * left out is left as it is), and every added key and every before/after goes to the audit.
 * Worked through in ranges of rows so memory stays bounded.
 */

export interface MergeValue {
  target: string;
  /** SQL over the staged row `s` and the joins of `from`. */
  source: string;
  /** The dataset column it comes from: written only when the file has that column; null: set on insert only. */
  column: string | null;
  /** Inserted even when the file lacks the column (a value derived for new rows), updated only when present. */
  insertAlways?: boolean;
}

export interface MergePlan {
  entity: string;
  table: string;
  /** `stage_x s JOIN …`: the staged rows with the ids their codes resolve to. */
  from: string;
  key: Record<string, string>;
  /** Key columns that may be null (a version valid from the beginning). */
  nullableKeys?: string[];
  values: MergeValue[];
  /** The natural key as the audit records it (jsonb over `s`). */
  auditKey: string;
}

export interface MergeCounts {
  added: number;
  updated: number;
}

/** Where a merge records its changes: the import's bulk audit entry. They never leave the database. */
export type ChangeSink = Pick<BulkAuditEntry, 'captureChanges' | 'foldCaptured'>;

/**
 * Runs the CTEs `ctes` (a WITH list, without the keyword) and records the rows of `changes` (a
 * query over them yielding audit_key, before, after) as the entry's change rows, in one statement.
 * Returns how many rows were recorded.
 */
export async function runRecorded(
  tx: Db,
  sink: ChangeSink,
  ctes: string,
  changes: string,
  change: { entity: string; op: 'insert' | 'update' },
): Promise<number> {
  const capture = sink.captureChanges(
    sql.raw(`(SELECT '${change.entity}'::text AS entity, '${change.op}'::text AS op, c.audit_key AS key,
      c.before, c.after FROM (${changes}) c) AS changes`),
  );
  const [row] = await query<{ n: number; fps: Uint8Array | null }>(
    tx,
    sql`WITH ${sql.raw(ctes)}, ${capture.cte}
      SELECT (SELECT count(*) FROM (${sql.raw(changes)}) c)::int AS n, ${capture.fingerprints} AS fps`,
  );
  sink.foldCaptured(row?.fps ?? null);
  return row?.n ?? 0;
}

export const MERGE_BATCH = 20_000;

export async function mergeStaged(
  tx: Db,
  plan: MergePlan,
  present: Set<string>,
  rowRange: { min: number; max: number },
  sink: ChangeSink,
): Promise<MergeCounts> {
  const counts: MergeCounts = { added: 0, updated: 0 };
  const values = plan.values.filter((v) => v.column === null || v.insertAlways || present.has(v.column));
  const keyTargets = Object.keys(plan.key);
  const srcColumns = [
    ...keyTargets.map((t) => `${plan.key[t]} AS k_${t}`),
    ...values.map((v) => `${v.source} AS v_${v.target}`),
    `${plan.auditKey} AS audit_key`,
  ].join(', ');
  const match = (alias: string) =>
    keyTargets
      .map((t) =>
        plan.nullableKeys?.includes(t)
          ? `(t.${t} = ${alias}.k_${t} OR (t.${t} IS NULL AND ${alias}.k_${t} IS NULL))`
          : `t.${t} = ${alias}.k_${t}`,
      )
      .join(' AND ');
  const keyMatch = match('src');
  const updatable = values.filter((v) => v.column !== null && present.has(v.column));
  const differs = updatable.map((v) => `t.${v.target} IS DISTINCT FROM src.v_${v.target}`).join(' OR ');
  const json = (prefix: string) =>
    `jsonb_build_object(${updatable.map((v) => `'${v.target}', ${prefix}${v.target}`).join(', ')})`;

  for (let from = rowRange.min; from <= rowRange.max; from += MERGE_BATCH) {
    const range = `s.row_number >= ${from} AND s.row_number < ${from + MERGE_BATCH}`;
    const src = `SELECT ${srcColumns} FROM ${plan.from} WHERE ${range}`;
    if (updatable.length > 0) {
      counts.updated += await runRecorded(
        tx,
        sink,
        `src AS (${src}),
          changed AS (SELECT src.*, ${json('t.')} AS before, ${json('src.v_')} AS after
                      FROM src JOIN ${plan.table} t ON ${keyMatch} WHERE ${differs}),
          upd AS (UPDATE ${plan.table} t SET ${updatable.map((v) => `${v.target} = changed.v_${v.target}`).join(', ')}
                  FROM changed WHERE ${match('changed')} RETURNING 1)`,
        'SELECT audit_key, before, after FROM changed',
        { entity: plan.entity, op: 'update' },
      );
    }
    const targets = [...keyTargets, ...values.map((v) => v.target)];
    counts.added += await runRecorded(
      tx,
      sink,
      `src AS (${src}),
        fresh AS (SELECT * FROM src WHERE NOT EXISTS (SELECT 1 FROM ${plan.table} t WHERE ${keyMatch})),
        ins AS (INSERT INTO ${plan.table} (${targets.join(', ')})
                SELECT ${[...keyTargets.map((t) => `k_${t}`), ...values.map((v) => `v_${v.target}`)].join(', ')} FROM fresh RETURNING 1)`,
      'SELECT audit_key, NULL::jsonb AS before, NULL::jsonb AS after FROM fresh',
      { entity: plan.entity, op: 'insert' },
    );
  }
  return counts;
}

export async function rowRange(tx: Db, table: string): Promise<{ min: number; max: number }> {
  const [row] = await query<{ min: number | null; max: number | null }>(
    tx,
    sql.raw(`SELECT min(row_number) AS min, max(row_number) AS max FROM ${table}`),
  );
  return { min: row?.min ?? 1, max: row?.max ?? 0 };
}
