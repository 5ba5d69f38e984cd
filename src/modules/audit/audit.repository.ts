import type { SQL } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import type { ChainLink, Json, StoredChange, StoredEntry } from './audit.rules.ts';
import { isoFromMicroseconds } from './audit.rules.ts';

// Two-key advisory locks (1652187509 is 'bzau' in ASCII): a key space apart from one-key locks.
const CHAIN_LOCK = sql.raw('1652187509, 1');
const CHECKPOINT_LOCK = sql.raw('1652187509, 2');

/** Rows per multi-row INSERT: six parameters each, well under PostgreSQL's 65,535. */
const CHANGE_BATCH = 5000;

/** Serialises writers of the chain until the transaction ends, so seq stays gapless. */
export async function lockChain(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

/** Serialises writers of the checkpoint file, across processes that share the database. */
export async function lockCheckpoint(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
}

export async function readHead(db: Db): Promise<ChainLink | null> {
  const [head] = await query<ChainLink>(db, sql`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
  return head ?? null;
}

function jsonb(value: Json) {
  return value === null ? sql`NULL` : sql`${JSON.stringify(value)}::jsonb`;
}

export async function insertEntry(tx: Db, entry: StoredEntry): Promise<void> {
  await tx.execute(sql`
    INSERT INTO audit_log (seq, at, actor, action, entity, entity_key, region_code, document_no,
                           before, after, details, prev_hash, hash)
    VALUES (${entry.seq}, ${entry.at}::timestamptz, ${entry.actor}, ${entry.action}, ${entry.entity},
            ${entry.entity_key}, ${entry.region_code}, ${entry.document_no}, ${jsonb(entry.before)},
            ${jsonb(entry.after)}, ${jsonb(entry.details)}, ${entry.prev_hash}, ${entry.hash})`);
}

/**
 * A change row's fingerprint: SHA-256 of its fields as the database stores them (jsonb's own
 * canonical text), separated by the unit separator; `\\N` stands for a missing before/after, which
 * jsonb text can never be.
 */
export function changeFingerprintSql(alias: string): string {
  const f = (column: string) => `${alias}.${column}`;
  return `sha256(convert_to(concat_ws(chr(31), ${f('entity')}, ${f('op')}, ${f('key')}::text,
    COALESCE(${f('before')}::text, '\\N'), COALESCE(${f('after')}::text, '\\N')), 'UTF8'))`;
}

/**
 * A data-modifying CTE `audit_capture` that records the rows of `rows` (a relation, or a
 * parenthesised query with an alias, yielding entity, op, key, before, after) as change rows of
 * entry `seq`, and the expression that gives their fingerprints in row order, to select in the
 * same statement.
 */
export function captureChangesSql(seq: number, rows: SQL): { cte: SQL; fingerprints: SQL } {
  return {
    cte: sql`audit_capture AS (
      INSERT INTO audit_changes (seq, entity, op, key, before, after)
      SELECT ${sql.raw(String(Number(seq)))}, entity, op, key, before, after FROM ${rows}
      RETURNING id, ${sql.raw(changeFingerprintSql('audit_changes'))} AS fp)`,
    fingerprints: sql`(SELECT string_agg(fp, ''::bytea ORDER BY id) FROM audit_capture)`,
  };
}

/** Change rows in batches, each one statement over arrays; returns their fingerprints in row order. */
export async function insertChanges(tx: Db, seq: number, changes: StoredChange[]): Promise<Uint8Array[]> {
  const text = (value: Json) => (value === null ? null : JSON.stringify(value));
  const fingerprints: Uint8Array[] = [];
  for (let start = 0; start < changes.length; start += CHANGE_BATCH) {
    const batch = changes.slice(start, start + CHANGE_BATCH);
    const capture = captureChangesSql(
      seq,
      sql`(SELECT entity, op, key::jsonb AS key, before::jsonb AS before, after::jsonb AS after
           FROM unnest(${sql.param(batch.map((c) => c.entity))}::text[], ${sql.param(batch.map((c) => c.op))}::text[],
                       ${sql.param(batch.map((c) => JSON.stringify(c.key)))}::text[],
                       ${sql.param(batch.map((c) => text(c.before)))}::text[],
                       ${sql.param(batch.map((c) => text(c.after)))}::text[])
                WITH ORDINALITY AS t(entity, op, key, before, after, n)
           ORDER BY n) AS rows`,
    );
    const [row] = await query<{ fps: Uint8Array | null }>(
      tx,
      sql`WITH ${capture.cte} SELECT ${capture.fingerprints} AS fps`,
    );
    if (row?.fps) fingerprints.push(row.fps);
  }
  return fingerprints;
}

/** A change row as the verifier reads it: its entry and its fingerprint. */
export interface ChangeRow {
  seq: number;
  fp: Uint8Array;
}

/**
 * Reads a query through a server-side cursor, a batch at a time, so memory stays flat however long
 * the log is. Must run inside a transaction (the cursor lives until it ends).
 */
async function* cursor<T>(tx: Db, name: string, statement: SQL, batch: number): AsyncGenerator<T> {
  await tx.execute(sql`DECLARE ${sql.identifier(name)} NO SCROLL CURSOR FOR ${statement}`);
  for (;;) {
    const rows = await query<T>(
      tx,
      sql`FETCH FORWARD ${sql.raw(String(batch))} FROM ${sql.identifier(name)}`,
    );
    yield* rows;
    if (rows.length < batch) break;
  }
  await tx.execute(sql`CLOSE ${sql.identifier(name)}`);
}

/** Every entry in seq order, `at` in the ISO form its hash was computed over. */
export async function* streamEntries(tx: Db, batch = 1000): AsyncGenerator<StoredEntry> {
  const rows = cursor<StoredEntry>(
    tx,
    'audit_entries',
    sql`SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at, actor, action,
               entity, entity_key, region_code, document_no, before, after, details, prev_hash, hash
          FROM audit_log ORDER BY seq`,
    batch,
  );
  for await (const row of rows) yield { ...row, at: isoFromMicroseconds(row.at) };
}

/** Every change row, by entry and then in insertion order. */
export function streamChanges(tx: Db, batch = 5000): AsyncGenerator<ChangeRow> {
  return cursor<ChangeRow>(
    tx,
    'audit_change_rows',
    sql.raw(`SELECT seq, ${changeFingerprintSql('c')} AS fp FROM audit_changes c ORDER BY seq, id`),
    batch,
  );
}
