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

/** Inserts change rows in order, a batch per statement; ids follow the order given. */
/** Change rows in batches, each one statement over arrays (a few parameters, not six per row). */
export async function insertChanges(tx: Db, seq: number, changes: StoredChange[]): Promise<void> {
  const text = (value: Json) => (value === null ? null : JSON.stringify(value));
  for (let start = 0; start < changes.length; start += CHANGE_BATCH) {
    const batch = changes.slice(start, start + CHANGE_BATCH);
    await tx.execute(
      sql`INSERT INTO audit_changes (seq, entity, op, key, before, after)
          SELECT ${seq}, entity, op, key::jsonb, before::jsonb, after::jsonb
          FROM unnest(${sql.param(batch.map((c) => c.entity))}::text[], ${sql.param(batch.map((c) => c.op))}::text[],
                      ${sql.param(batch.map((c) => JSON.stringify(c.key)))}::text[], ${sql.param(batch.map((c) => text(c.before)))}::text[],
                      ${sql.param(batch.map((c) => text(c.after)))}::text[]) WITH ORDINALITY AS t(entity, op, key, before, after, n)
          ORDER BY n`,
    );
  }
}

export interface ChangeRow extends StoredChange {
  seq: number;
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
    sql`SELECT seq, entity, op, key, before, after FROM audit_changes ORDER BY seq, id`,
    batch,
  );
}
