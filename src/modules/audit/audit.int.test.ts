import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, testKeys } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import type { Clock } from '../../shared/dates.ts';
import { AuditError } from './audit.errors.ts';
import { type AuditChange, type AuditTrail, createAuditTrail, verifyAudit } from './audit.service.ts';

/** A clock that moves one second (and a few milliseconds) per reading. */
function steppingClock(): Clock {
  let now = Date.parse('2026-03-02T08:00:00.000Z');
  return () => {
    now += 1_007;
    return new Date(now);
  };
}

function unitChanges(count: number): AuditChange[] {
  return Array.from({ length: count }, (_, i) => ({
    entity: 'units',
    op: i % 3 === 0 ? 'update' : 'insert',
    key: { code: `U${String(i).padStart(5, '0')}` },
    before: i % 3 === 0 ? { name: `旧名称${i}`, rank: null } : undefined,
    after: { name: `单位${i}`, rank: 'section', tags: ['a', { z: 1, a: 2 }] },
  }));
}

/**
 * Entries 1–5: a plain create, an update with before and after, another update (seq 3), an import
 * with 2,500 change rows (seq 4) and a last entry written in the same transaction as the import.
 */
async function writeChain(trail: AuditTrail, database: Database): Promise<void> {
  await trail.transaction(database.db, (_tx, audit) =>
    audit.record({
      actor: 'clerk',
      action: 'create',
      entity: 'units',
      entityKey: 'U1',
      regionCode: '370782',
    }),
  );
  await trail.transaction(database.db, async (_tx, audit) => {
    await audit.record({
      actor: 'clerk',
      action: 'update',
      entity: 'units',
      entityKey: 'U1',
      documentNo: '诸编〔2026〕3号',
      before: { name: '旧名', nested: { b: 1, a: [3, 2, 1] } },
      after: { name: '新名', nested: { b: 2, a: [] }, on: new Date('2026-03-01T00:00:00Z') },
      details: { reason: '更名', ratio: 0.1, big: 1e21, tiny: 1e-7 },
    });
    await audit.record({
      actor: 'clerk',
      action: 'update',
      entity: 'units',
      entityKey: 'U2',
      after: { name: 'B' },
    });
  });
  await trail.transaction(database.db, async (_tx, audit) => {
    const entry = await audit.begin({
      actor: 'operator',
      action: 'import',
      entity: 'dataset',
      details: { files: { 'units.csv': 'abc' } },
    });
    await entry.addChanges(unitChanges(1_200));
    await entry.addChanges(unitChanges(2_500).slice(1_200));
    await entry.finish({ counts: { added: 1_666, updated: 834 } });
    await audit.record({ actor: 'operator', action: 'recount', entity: 'units' });
  });
}

describe('the audit trail', () => {
  let database: Database;
  let checkpointPath: string;
  let trail: AuditTrail;

  beforeEach(async () => {
    database = await createTestDatabase();
    checkpointPath = join(mkdtempSync(join(tmpdir(), 'bianzhi-audit-')), 'audit-head.json');
    trail = createAuditTrail({ keys: testKeys, checkpointPath, clock: steppingClock() });
  });
  afterEach(() => database.close());

  const verify = () => verifyAudit(database.db, testKeys, checkpointPath);
  const checkpoint = () => JSON.parse(readFileSync(checkpointPath, 'utf8')) as { seq: number; hash: string };
  const run = (statement: ReturnType<typeof sql>) => database.db.execute(statement);

  it('verifies a chain of entries, an import with its change rows included, and checkpoints its head', async () => {
    await writeChain(trail, database);
    const result = await verify();
    const [head] = await query<{ seq: number; hash: string }>(
      database.db,
      sql`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
    );
    expect(result).toEqual({ ok: true, entries: 5, head, checkpoint: head });
    expect(checkpoint()).toEqual(head);
    const [bulk] = await query<{ details: { changes: { count: number; sm3: string }; counts: unknown } }>(
      database.db,
      sql`SELECT details FROM audit_log WHERE seq = 4`,
    );
    expect(bulk?.details.changes.count).toBe(2_500);
    expect(bulk?.details.changes.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(bulk?.details.counts).toEqual({ added: 1_666, updated: 834 });
    const [rows] = await query<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_changes WHERE seq = 4`,
    );
    expect(rows?.n).toBe(2_500);
  });

  it('names the entry whose content was edited in SQL', async () => {
    await writeChain(trail, database);
    await run(sql`UPDATE audit_log SET after = '{"name": "篡改"}' WHERE seq = 3`);
    expect(await verify()).toEqual({ ok: false, seq: 3, reason: '第 3 条审计记录被修改（哈希不符）' });
  });

  it('notices an edited time, even one that differs by microseconds', async () => {
    await writeChain(trail, database);
    await run(sql`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE seq = 2`);
    expect(await verify()).toMatchObject({ ok: false, seq: 2 });
  });

  it('finds a deleted entry in the middle', async () => {
    await writeChain(trail, database);
    await run(sql`DELETE FROM audit_log WHERE seq = 2`);
    expect(await verify()).toEqual({ ok: false, seq: 2, reason: '第 2 条审计记录缺失（序号不连续）' });
  });

  it('finds a forged entry inserted in the middle, the later ones renumbered to make room', async () => {
    await writeChain(trail, database);
    await run(sql`UPDATE audit_log SET seq = -seq - 1 WHERE seq >= 3`);
    await run(sql`UPDATE audit_log SET seq = -seq WHERE seq < 0`);
    await run(sql`UPDATE audit_changes SET seq = seq + 1`);
    await run(sql`
      INSERT INTO audit_log (seq, at, actor, action, entity, prev_hash, hash)
      SELECT 3, at, 'intruder', 'delete', 'units', hash, repeat('ab', 32) FROM audit_log WHERE seq = 2`);
    expect(await verify()).toEqual({ ok: false, seq: 3, reason: '第 3 条审计记录被修改（哈希不符）' });
  });

  it('finds a forged entry appended after the head', async () => {
    await writeChain(trail, database);
    await run(sql`
      INSERT INTO audit_log (seq, at, actor, action, entity, prev_hash, hash)
      SELECT 6, at, 'intruder', 'delete', 'units', hash, hash FROM audit_log WHERE seq = 5`);
    expect(await verify()).toMatchObject({ ok: false, seq: 6 });
  });

  it('finds a broken link when an entry claims another predecessor', async () => {
    await writeChain(trail, database);
    await run(sql`UPDATE audit_log SET prev_hash = repeat('0', 64) WHERE seq = 4`);
    expect(await verify()).toEqual({
      ok: false,
      seq: 4,
      reason: '第 4 条审计记录的前序哈希不符（链条断裂）',
    });
  });

  it.each([
    [
      'edited',
      sql`UPDATE audit_changes SET after = '{"name": "篡改"}' WHERE id = (SELECT min(id) + 1700 FROM audit_changes)`,
      '第 4 条审计记录的变更明细被修改（摘要不符）',
    ],
    [
      'reordered',
      sql`UPDATE audit_changes SET id = -id WHERE id = (SELECT max(id) FROM audit_changes)`,
      '第 4 条审计记录的变更明细被修改（摘要不符）',
    ],
    [
      'deleted',
      sql`DELETE FROM audit_changes WHERE id = (SELECT max(id) FROM audit_changes)`,
      '第 4 条审计记录的变更明细条数不符（应为 2500 条，实有 2499 条）',
    ],
    [
      'inserted',
      sql`INSERT INTO audit_changes (seq, entity, op, key) VALUES (4, 'units', 'insert', '{"code": "X"}')`,
      '第 4 条审计记录的变更明细条数不符（应为 2500 条，实有 2501 条）',
    ],
    [
      'attached to an entry that had none',
      sql`INSERT INTO audit_changes (seq, entity, op, key) VALUES (2, 'units', 'insert', '{"code": "X"}')`,
      '第 2 条审计记录的变更明细条数不符（应为 0 条，实有 1 条）',
    ],
    [
      'attached to no entry at all',
      sql`INSERT INTO audit_changes (seq, entity, op, key) VALUES (9, 'units', 'insert', '{"code": "X"}')`,
      '有变更明细指向不存在的第 9 条审计记录',
    ],
  ])('finds a change row %s', async (_how, statement, reason) => {
    await writeChain(trail, database);
    await run(statement);
    expect(await verify()).toMatchObject({ ok: false, reason });
  });

  it('finds a deleted last entry through the checkpoint', async () => {
    await writeChain(trail, database);
    await run(sql`DELETE FROM audit_log WHERE seq = 5`);
    expect(await verify()).toEqual({
      ok: false,
      seq: 5,
      reason: '审计日志末尾被截断：链头检查点记到第 5 条，日志只有 4 条',
    });
  });

  it('finds a last entry replaced by another with a valid-looking link', async () => {
    await writeChain(trail, database);
    const forger = createAuditTrail({ keys: testKeys, checkpointPath: null, clock: steppingClock() });
    await run(sql`DELETE FROM audit_log WHERE seq = 5`);
    // Even someone holding the key cannot rewrite the tail the checkpoint vouches for.
    await forger.transaction(database.db, (_tx, audit) =>
      audit.record({ actor: 'intruder', action: 'noop', entity: 'units' }),
    );
    expect(await verify()).toEqual({ ok: false, seq: 5, reason: '第 5 条审计记录与链头检查点不符' });
  });

  it('refuses to vouch for a log whose checkpoint has gone missing', async () => {
    await writeChain(trail, database);
    expect(
      await verifyAudit(database.db, testKeys, join(tmpdir(), 'no-such-dir', 'audit-head.json')),
    ).toMatchObject({
      ok: false,
      seq: 5,
    });
  });

  it('leaves neither entry nor checkpoint when the writing transaction fails', async () => {
    await expect(
      trail.transaction(database.db, async (_tx, audit) => {
        await audit.record({ actor: 'clerk', action: 'create', entity: 'units' });
        throw new Error('编制不足');
      }),
    ).rejects.toThrow('编制不足');
    expect(await query(database.db, sql`SELECT seq FROM audit_log`)).toEqual([]);
    expect(existsSync(checkpointPath)).toBe(false);
    expect(await verify()).toEqual({ ok: true, entries: 0, head: null, checkpoint: null });

    await writeChain(trail, database);
    await expect(
      trail.transaction(database.db, async (_tx, audit) => {
        const entry = await audit.begin({ actor: 'operator', action: 'import', entity: 'dataset' });
        await entry.addChanges(unitChanges(10));
        throw new Error('导入失败');
      }),
    ).rejects.toThrow('导入失败');
    expect(checkpoint().seq).toBe(5);
    const [counts] = await query<{ changes: number }>(
      database.db,
      sql`SELECT count(*)::int AS changes FROM audit_changes`,
    );
    expect(counts?.changes).toBe(2_500);
    const { seq } = await trail.transaction(database.db, (_tx, audit) =>
      audit.record({ actor: 'clerk', action: 'create', entity: 'units' }),
    );
    expect(seq).toBe(6);
    expect(await verify()).toMatchObject({ ok: true, entries: 6 });
  });

  it('rolls back an import whose entry was never finished, and refuses other entries while it is open', async () => {
    await expect(
      trail.transaction(database.db, async (_tx, audit) => {
        const entry = await audit.begin({ actor: 'operator', action: 'import', entity: 'dataset' });
        await expect(audit.record({ actor: 'clerk', action: 'x', entity: 'units' })).rejects.toThrow(
          AuditError,
        );
        await entry.addChanges(unitChanges(3));
      }),
    ).rejects.toMatchObject({ code: 'audit.bulk_unfinished' });
    expect(await query(database.db, sql`SELECT id FROM audit_changes`)).toEqual([]);
  });

  it('keeps the digest field of an import for itself', async () => {
    await expect(
      trail.transaction(database.db, (_tx, audit) =>
        audit.record({ actor: 'clerk', action: 'x', entity: 'units', details: { changes: 3 } }),
      ),
    ).rejects.toMatchObject({ code: 'audit.reserved_detail' });
  });

  it('verifies a log longer than one batch of entries and of change rows', async () => {
    await trail.transaction(database.db, async (_tx, audit) => {
      const entry = await audit.begin({ actor: 'operator', action: 'import', entity: 'dataset' });
      await entry.addChanges(unitChanges(11_000));
      await entry.finish();
      for (let i = 0; i < 1_100; i++)
        await audit.record({ actor: 'clerk', action: 'touch', entity: 'units' });
    });
    expect(await verify()).toMatchObject({ ok: true, entries: 1_101 });
    await run(sql`UPDATE audit_log SET actor = 'intruder' WHERE seq = 1050`);
    expect(await verify()).toMatchObject({ ok: false, seq: 1_050 });
  });

  it.runIf(testDbKind === 'postgres')(
    'gives 20 concurrent writers on a pool seq 1 to 20 without gaps, in a chain that verifies',
    async () => {
      const seqs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          trail.transaction(database.db, async (tx, audit) => {
            await query(tx, sql`SELECT pg_sleep(0.01)`);
            return (await audit.record({ actor: `clerk${i}`, action: 'create', entity: 'units' })).seq;
          }),
        ),
      );
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await verify()).toMatchObject({ ok: true, entries: 20, checkpoint: { seq: 20 } });
    },
  );
});
