import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../shared/dates.ts';
import type { Keys } from '../identity/keys.ts';
import { advanceCheckpoint } from './audit.checkpoint.ts';
import { AuditError } from './audit.errors.ts';
import {
  captureChangesSql,
  insertChanges,
  insertEntry,
  lockChain,
  lockCheckpoint,
  readHead,
} from './audit.repository.ts';
import {
  type ChainLink,
  ChangeDigest,
  type EntryBody,
  entryHash,
  GENESIS_HASH,
  type StoredChange,
  toJson,
} from './audit.rules.ts';

export { checkpointPathFor } from './audit.checkpoint.ts';
export { type VerifyResult, verifyAudit } from './audit.verify.ts';

import { type VerifyResult, verifyAudit } from './audit.verify.ts';

export interface AuditEntryInput {
  actor: string;
  action: string;
  entity: string;
  entityKey?: string | null;
  regionCode?: string | null;
  documentNo?: string | null;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping; `changes` is reserved for the digest of a bulk entry's rows. */
  details?: Record<string, unknown> | null;
}

export interface AuditChange {
  entity: string;
  op: 'insert' | 'update' | 'delete';
  key: Record<string, unknown>;
  before?: unknown;
  after?: unknown;
}

export interface AuditTrail {
  /**
   * Runs fn in one database transaction; what it records through `audit` lands in that transaction,
   * and after the commit the chain head is checkpointed. Pass the database, not a transaction: the
   * checkpoint must follow a real commit.
   */
  transaction<T>(db: Db, fn: (tx: Db, audit: AuditRecorder) => Promise<T>): Promise<T>;
  /** Checks the whole chain against this trail's key and checkpoint (see `verifyAudit`). */
  verify(db: Db): Promise<VerifyResult>;
}

/**
 * Records entries in the current transaction. The first entry takes the chain lock, held until the
 * transaction ends and shared by every audited write: take your own row locks and do your checks
 * before recording, and record once the work is known to succeed.
 */
export interface AuditRecorder {
  record(entry: AuditEntryInput): Promise<{ seq: number }>;
  /** For bulk writes (an import): one entry, many linked change rows. Finish it before the transaction ends. */
  begin(entry: AuditEntryInput): Promise<BulkAuditEntry>;
}

export interface BulkAuditEntry {
  readonly seq: number;
  /** Inserts the rows in order, in batches; call as often as needed. */
  addChanges(changes: AuditChange[]): Promise<void>;
  /**
   * For change rows that never leave the database: a data-modifying CTE recording `rows` (entity,
   * op, key, before, after) as this entry's changes, and an expression for their fingerprints to
   * select in the same statement and hand to `foldCaptured` — in the order the statements ran.
   */
  captureChanges(rows: SQL): { cte: SQL; fingerprints: SQL };
  foldCaptured(fingerprints: Uint8Array | null): void;
  /** Writes the entry itself, its details extended by `extraDetails` and the digest of its rows. */
  finish(extraDetails?: Record<string, unknown>): Promise<void>;
}

export interface AuditTrailOptions {
  keys: Pick<Keys, 'audit'>;
  /** Where the chain head is checkpointed (see `checkpointPathFor`); null for none. */
  checkpointPath: string | null;
  clock: Clock;
}

export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  return {
    async transaction(db, fn) {
      let recorder: ChainRecorder | undefined;
      const result = await db.transaction(async (tx) => {
        recorder = new ChainRecorder(tx, options);
        try {
          const value = await fn(tx, recorder);
          await recorder.close();
          return value;
        } finally {
          recorder.abandon();
        }
      });
      const head = recorder?.written;
      if (head && options.checkpointPath) await checkpoint(db, options.checkpointPath, head);
      return result;
    },
    verify: (db) => verifyAudit(db, options.keys, options.checkpointPath),
  };
}

async function checkpoint(db: Db, path: string, head: ChainLink): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await lockCheckpoint(tx);
      await advanceCheckpoint(path, head);
    });
  } catch (error) {
    throw new AuditError(
      'audit.checkpoint_failed',
      `数据已保存（审计记录第 ${head.seq} 条），但审计链头检查点 ${path} 写入失败：${(error as Error).message}`,
    );
  }
}

function checkDetails(details: Record<string, unknown> | null | undefined): void {
  if (details && Object.hasOwn(details, 'changes'))
    throw new AuditError(
      'audit.reserved_detail',
      '审计记录的 details.changes 为批量变更摘要保留，不能自行填写',
    );
}

class ChainRecorder implements AuditRecorder {
  /** The last link written in this transaction: what the checkpoint gets after commit. */
  written: ChainLink | null = null;
  /** The chain's tail as this transaction sees it once it holds the lock; undefined before. */
  private tail: ChainLink | null | undefined;
  private bulkOpen = false;
  private closed = false;
  // Operations run one at a time, even when the caller does not await between them.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tx: Db,
    private readonly options: AuditTrailOptions,
  ) {}

  record(input: AuditEntryInput): Promise<{ seq: number }> {
    return this.serial(async () => {
      this.assertReady(input.details);
      const { seq, prevHash, at } = await this.nextLink();
      await this.write(prevHash, this.body(seq, at, input, toJson(input.details ?? null)));
      return { seq };
    });
  }

  begin(input: AuditEntryInput): Promise<BulkAuditEntry> {
    return this.serial(async () => {
      this.assertReady(input.details);
      const { seq, prevHash, at } = await this.nextLink();
      this.bulkOpen = true;
      const digest = new ChangeDigest();
      let finished = false;
      const assertUnfinished = () => {
        this.assertOpen();
        if (finished) throw new AuditError('audit.bulk_closed', `第 ${seq} 条审计记录已完成，不能再添加变更`);
      };
      return {
        seq,
        addChanges: (changes) =>
          this.serial(async () => {
            assertUnfinished();
            for (const fingerprints of await insertChanges(this.tx, seq, changes.map(storedChange))) {
              digest.addFingerprints(fingerprints);
            }
          }),
        captureChanges: (rows) => captureChangesSql(seq, rows),
        foldCaptured: (fingerprints) => {
          assertUnfinished();
          digest.addFingerprints(fingerprints);
        },
        finish: (extraDetails) =>
          this.serial(async () => {
            assertUnfinished();
            checkDetails(extraDetails);
            const details = toJson({ ...input.details, ...extraDetails, changes: digest.summary() });
            await this.write(prevHash, this.body(seq, at, input, details));
            finished = true;
            this.bulkOpen = false;
          }),
      };
    });
  }

  /** Called when fn has resolved: a bulk entry left open would leave its rows outside the chain. */
  close(): Promise<void> {
    return this.serial(async () => {
      if (this.bulkOpen)
        throw new AuditError('audit.bulk_unfinished', '批量审计记录未完成（未调用 finish），事务已回滚');
      this.closed = true;
    });
  }

  abandon(): void {
    this.closed = true;
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private assertOpen(): void {
    if (this.closed) throw new AuditError('audit.recorder_closed', '事务已结束，不能再记录审计');
  }

  private assertReady(details: Record<string, unknown> | null | undefined): void {
    this.assertOpen();
    if (this.bulkOpen)
      throw new AuditError('audit.bulk_open', '批量审计记录尚未完成（未调用 finish），不能记录其他审计');
    checkDetails(details);
  }

  private async nextLink(): Promise<{ seq: number; prevHash: string; at: string }> {
    if (this.tail === undefined) {
      // READ COMMITTED (the default): the read after the lock sees every entry committed before it.
      await lockChain(this.tx);
      this.tail = await readHead(this.tx);
    }
    // The time is read under the lock, so `at` never goes backwards along the chain.
    const at = this.options.clock().toISOString();
    return { seq: (this.tail?.seq ?? 0) + 1, prevHash: this.tail?.hash ?? GENESIS_HASH, at };
  }

  private body(seq: number, at: string, input: AuditEntryInput, details: EntryBody['details']): EntryBody {
    return {
      seq,
      at,
      actor: input.actor,
      action: input.action,
      entity: input.entity,
      entity_key: input.entityKey ?? null,
      region_code: input.regionCode ?? null,
      document_no: input.documentNo ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      details,
    };
  }

  private async write(prevHash: string, body: EntryBody): Promise<void> {
    const hash = entryHash(this.options.keys.audit, prevHash, body);
    await insertEntry(this.tx, { ...body, prev_hash: prevHash, hash });
    this.tail = { seq: body.seq, hash };
    this.written = this.tail;
  }
}

function storedChange(change: AuditChange): StoredChange {
  return {
    entity: change.entity,
    op: change.op,
    key: toJson(change.key),
    before: toJson(change.before),
    after: toJson(change.after),
  };
}
