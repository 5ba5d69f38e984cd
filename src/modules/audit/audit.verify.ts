import type { Db } from '../../db/database.ts';
import type { Keys } from '../identity/keys.ts';
import { type Checkpoint, readCheckpoint } from './audit.checkpoint.ts';
import { type ChangeRow, streamChanges, streamEntries } from './audit.repository.ts';
import {
  type ChainLink,
  ChangeDigest,
  changeSummaryOf,
  entryHash,
  GENESIS_HASH,
  type StoredEntry,
} from './audit.rules.ts';

export type VerifyResult =
  | { ok: true; entries: number; head: ChainLink | null; checkpoint: ChainLink | null }
  /** `seq` names the first entry found missing, edited, forged or cut off. */
  | { ok: false; seq: number; reason: string };

type Failure = Extract<VerifyResult, { ok: false }>;

/**
 * Walks the whole log in seq order, a batch at a time, recomputing every hash and change digest,
 * and reports the first entry that does not hold. One read-only snapshot, so writers may go on; the
 * checkpoint is read before it, so everything the checkpoint names is in the snapshot.
 */
export async function verifyAudit(
  db: Db,
  keys: Pick<Keys, 'audit'>,
  checkpointPath: string | null,
): Promise<VerifyResult> {
  const checkpoint: Checkpoint | null = checkpointPath ? readCheckpoint(checkpointPath) : null;
  const marker = checkpoint?.state === 'present' ? checkpoint.head : null;
  return db.transaction(
    async (tx) => {
      const changes = new ChangeCursor(streamChanges(tx));
      let previous: ChainLink | null = null;
      for await (const entry of streamEntries(tx)) {
        const failure: Failure | null =
          checkEntry(entry, previous, keys) ??
          (await checkChanges(entry, changes)) ??
          (marker?.seq === entry.seq && marker.hash !== entry.hash
            ? { ok: false, seq: entry.seq, reason: `第 ${entry.seq} 条审计记录与链头检查点不符` }
            : null);
        if (failure) return failure;
        previous = { seq: entry.seq, hash: entry.hash };
      }
      const count = previous?.seq ?? 0;
      if (checkpoint?.state === 'invalid') return { ok: false, seq: count, reason: checkpoint.reason };
      if (checkpoint?.state === 'missing' && count > 0)
        return {
          ok: false,
          seq: count,
          reason: `找不到审计链头检查点 ${checkpointPath}，无法确认第 ${count} 条之后没有记录被删除`,
        };
      if (marker && marker.seq > count)
        return {
          ok: false,
          seq: count + 1,
          reason: `审计日志末尾被截断：链头检查点记到第 ${marker.seq} 条，日志只有 ${count} 条`,
        };
      const stray = await changes.peek();
      if (stray) return strayChange(stray);
      return { ok: true, entries: count, head: previous, checkpoint: marker };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function checkEntry(
  entry: StoredEntry,
  previous: ChainLink | null,
  keys: Pick<Keys, 'audit'>,
): Failure | null {
  const expected = (previous?.seq ?? 0) + 1;
  if (entry.seq > expected)
    return { ok: false, seq: expected, reason: `第 ${expected} 条审计记录缺失（序号不连续）` };
  if (entry.seq < expected)
    return { ok: false, seq: entry.seq, reason: `出现序号为 ${entry.seq} 的多余审计记录（序号不连续）` };
  const { prev_hash: prevHash, hash, ...body } = entry;
  if (prevHash !== (previous?.hash ?? GENESIS_HASH))
    return { ok: false, seq: entry.seq, reason: `第 ${entry.seq} 条审计记录的前序哈希不符（链条断裂）` };
  if (hash !== entryHash(keys.audit, prevHash, body))
    return { ok: false, seq: entry.seq, reason: `第 ${entry.seq} 条审计记录被修改（哈希不符）` };
  return null;
}

/** Digests the change rows linked to the entry and compares them with what its details promise. */
async function checkChanges(entry: StoredEntry, changes: ChangeCursor): Promise<Failure | null> {
  const stray = await changes.peek();
  if (stray && stray.seq < entry.seq) return strayChange(stray);
  const digest = new ChangeDigest();
  for (let row = stray; row && row.seq === entry.seq; row = await changes.peek()) {
    digest.addFingerprints(row.fp);
    changes.take();
  }
  const found = digest.summary();
  const expected = changeSummaryOf(entry.details) ?? { count: 0, sm3: new ChangeDigest().summary().sm3 };
  if (found.count !== expected.count)
    return {
      ok: false,
      seq: entry.seq,
      reason: `第 ${entry.seq} 条审计记录的变更明细条数不符（应为 ${expected.count} 条，实有 ${found.count} 条）`,
    };
  if (found.sm3 !== expected.sm3)
    return { ok: false, seq: entry.seq, reason: `第 ${entry.seq} 条审计记录的变更明细被修改（摘要不符）` };
  return null;
}

function strayChange(row: ChangeRow): Failure {
  return { ok: false, seq: row.seq, reason: `有变更明细指向不存在的第 ${row.seq} 条审计记录` };
}

/** One-row lookahead over the change rows, which arrive ordered by seq. */
class ChangeCursor {
  private current: ChangeRow | null | undefined;

  constructor(private readonly rows: AsyncGenerator<ChangeRow>) {}

  async peek(): Promise<ChangeRow | null> {
    if (this.current === undefined) {
      const next = await this.rows.next();
      this.current = next.done ? null : next.value;
    }
    return this.current;
  }

  take(): void {
    this.current = undefined;
  }
}
