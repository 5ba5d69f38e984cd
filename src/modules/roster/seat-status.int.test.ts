import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, buildSeat, buildUnit } from '../../../test/support/factories.ts';
import { createTestDatabase, testKeys } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createAuditTrail } from '../audit/audit.service.ts';
import { applyDueStatuses } from './seat-status.ts';

let database: Database;
const audit = createAuditTrail({
  keys: testKeys,
  checkpointPath: join(mkdtempSync(join(tmpdir(), 'bianzhi-audit-')), 'head.json'),
  clock: () => new Date('2026-07-01T04:00:00Z'),
});

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('在岗状态 changes dated ahead', () => {
  it('take effect on their day, once, audited', async () => {
    const region = await buildRegion(database.db);
    const unit = await buildUnit(database.db, { regionCode: region.code });
    const seat = await buildSeat(database.db, { unit });
    await query(
      database.db,
      sql`INSERT INTO seat_statuses (region_code, seat_id, valid_from, status, document_no)
        VALUES (${region.code}, ${seat.id}, '2026-07-02', 'sick_leave', '测人〔2026〕1号')`,
    );
    const statusOf = async () =>
      (await query<{ status: string }>(database.db, sql`SELECT status FROM seats WHERE id = ${seat.id}`))[0]!
        .status;
    expect(await applyDueStatuses({ database, audit }, '2026-07-01', 'test')).toBe(0);
    expect(await statusOf()).toBe('on_post');
    expect(await applyDueStatuses({ database, audit }, '2026-07-02', 'test')).toBe(1);
    expect(await statusOf()).toBe('sick_leave');
    expect(await applyDueStatuses({ database, audit }, '2026-07-03', 'test')).toBe(0);
    const [entry] = await query<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'seat.status_due'`,
    );
    expect(entry!.n).toBe(1);
  });
});
