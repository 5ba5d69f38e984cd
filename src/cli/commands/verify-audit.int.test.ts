import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/support/cli-io.ts';
import { openDatabase, sql } from '../../db/database.ts';
import { checkpointPathFor, createAuditTrail } from '../../modules/audit/audit.service.ts';
import { loadKeys } from '../../modules/identity/keys.ts';
import { systemClock } from '../../shared/dates.ts';
import { main } from '../main.ts';

/** Writes three entries into an embedded database the way the application does, with its own key. */
async function databaseWithEntries(): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-verify-audit-')), 'db');
  const database = await openDatabase(folder);
  try {
    await database.migrate();
    const keys = loadKeys({ dataDir: database.dataDir });
    const trail = createAuditTrail({
      keys,
      checkpointPath: checkpointPathFor(database, {}),
      clock: systemClock,
    });
    for (const name of ['甲', '乙', '丙'])
      await trail.transaction(database.db, (_tx, audit) =>
        audit.record({ actor: 'clerk', action: 'create', entity: 'units', after: { name } }),
      );
  } finally {
    await database.close();
  }
  return folder;
}

describe('bianzhi verify-audit', () => {
  it('reports an intact log and exits 0, then names the edited entry and exits 1', async () => {
    const folder = await databaseWithEntries();
    const intact = captureIo();
    expect(await main(['verify-audit', '--db', folder], intact.io)).toBe(0);
    expect(intact.stdout()).toBe('审计日志完整：共 3 条，链头 seq=3\n');
    expect(intact.stderr()).toBe('');

    const database = await openDatabase(folder);
    await database.db.execute(sql`UPDATE audit_log SET after = '{"name": "丁"}' WHERE seq = 2`);
    await database.close();

    const tampered = captureIo();
    expect(await main(['verify-audit', '--db', folder], tampered.io)).toBe(1);
    expect(tampered.stdout()).toBe('');
    expect(tampered.stderr()).toBe('审计日志校验未通过：第 2 条审计记录被修改（哈希不符）\n');
  });

  it('checks the tail against an exported checkpoint named on the command line', async () => {
    const folder = await databaseWithEntries();
    const exported = join(mkdtempSync(join(tmpdir(), 'bianzhi-backup-')), 'audit-head.json');
    renameSync(join(folder, 'audit-head.json'), exported);
    const database = await openDatabase(folder);
    await database.db.execute(sql`DELETE FROM audit_log WHERE seq = 3`);
    await database.close();
    const cli = captureIo();
    expect(await main(['verify-audit', '--db', folder, '--checkpoint', exported], cli.io)).toBe(1);
    expect(cli.stderr()).toContain('审计日志末尾被截断：链头检查点记到第 3 条，日志只有 2 条');
  });

  it('accepts an empty log', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-verify-audit-')), 'db');
    const cli = captureIo();
    expect(await main(['verify-audit', '--db', folder], cli.io)).toBe(0);
    expect(cli.stdout()).toBe('审计日志完整：共 0 条\n');
  });
});
