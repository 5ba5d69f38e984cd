import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { query, sql } from '../db/database.ts';
import type { Caller } from '../modules/auth/caller.ts';
import { writeDemoDataset } from '../modules/demo/demo.generator.ts';
import { plantDemoProposals } from '../modules/demo/demo.proposals.ts';
import { permissionsOf } from '../modules/users/roles.ts';
import { openCsvFolder } from '../modules/interchange/csv-source.ts';
import { formatImportError } from '../modules/interchange/import.errors.ts';
import { importDataset } from '../modules/interchange/import.service.ts';
import type { CliIo, OpenedDatabase } from './cli.ts';
import { progressLine } from './progress.ts';

/**
 * `serve --demo`: on a database with no units yet, writes the demonstration county and imports it
 * through the ordinary importer (so it is audited like any import). A database with data is left alone.
 */
export async function loadDemoIfEmpty(opened: OpenedDatabase, io: CliIo): Promise<boolean> {
  const [row] = await query<{ n: number }>(opened.database.db, sql`SELECT count(*)::int AS n FROM units`);
  if ((row?.n ?? 0) > 0) return false;
  const folder = mkdtempSync(join(tmpdir(), 'bianzhi-demo-'));
  const progress = progressLine(io.stderr);
  try {
    io.stdout.write('首次启动：正在载入示范县数据……\n');
    await writeDemoDataset({ scale: 1, out: folder });
    const result = await importDataset(opened, openCsvFolder(folder), {
      actor: 'system:demo',
      onProgress: (p) => progress.update(`载入示范数据：${p.phase} ${p.file ?? ''} ${p.rows || ''}`),
    });
    progress.done();
    if (!result.ok) {
      throw new Error(
        `示范数据未通过校验：\n${result.errors.slice(0, 20).map(formatImportError).join('\n')}`,
      );
    }
    const counts = result.counts;
    io.stdout.write(
      `示范县已载入：机构 ${counts.units?.added ?? 0} 个，在编人员 ${counts.persons?.added ?? 0} 条编制记录\n`,
    );
    return true;
  } finally {
    progress.done();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * After the demonstration accounts exist: the county's 动议事项, moved and decided by the demo clerk
 * through the ordinary workflow (demo.proposals.ts).
 */
export async function plantDemoWorkflows(opened: OpenedDatabase): Promise<void> {
  const db = opened.database.db;
  const [clerk] = await query<{ id: number; username: string; region_code: string }>(
    db,
    sql`SELECT id, username, region_code FROM users WHERE username = 'clerk'`,
  );
  if (!clerk) return;
  const caller: Caller = {
    userId: clerk.id,
    username: clerk.username,
    actor: clerk.username,
    roles: ['clerk'],
    permissions: permissionsOf(['clerk']),
    department: null,
    mustChangePassword: false,
    scope: { regionCode: clerk.region_code, unitIds: null },
  };
  await plantDemoProposals({ database: opened.database, audit: opened.audit, clock: opened.clock }, caller);
}
