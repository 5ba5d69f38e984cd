import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { type Database, DatabaseLockedError, openDatabase, query, sql } from './database.ts';

describe('database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('starts migrated, with every table empty', async () => {
    const rows = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM units`);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('returns dates as YYYY-MM-DD and bigints as numbers on either driver', async () => {
    const [row] = await query<{ d: string; b: number }>(
      database.db,
      sql`SELECT '2026-06-30'::date AS d, 7::bigint AS b`,
    );
    expect(row).toEqual({ d: '2026-06-30', b: 7 });
  });
});

describe('the embedded database folder', () => {
  it('admits one process: another holder gets a clear message, and the folder opens again once it is released', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-lock-')), 'db');
    const first = await openDatabase(folder);
    await expect(openDatabase(folder)).rejects.toThrow(DatabaseLockedError);
    await expect(openDatabase(folder)).rejects.toThrow(/正由进程 \d+ 使用/);
    await first.close();
    const second = await openDatabase(folder);
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-lock-')), 'db');
    mkdirSync(folder, { recursive: true });
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(join(folder, 'bianzhi.lock'), child.stdout.toString());
    const database = await openDatabase(folder);
    await database.close();
  });
});
