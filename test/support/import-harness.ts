import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.ts';
import { createAuditTrail } from '../../src/modules/audit/audit.service.ts';
import { createIdCipher } from '../../src/modules/identity/id-cipher.ts';
import { type ImportOptions, importDataset } from '../../src/modules/interchange/import.service.ts';
import type { DatasetSource } from '../../src/modules/interchange/source.ts';
import type { Clock } from '../../src/shared/dates.ts';
import { testKeys } from './test-db.ts';

/** An importer wired as the application wires it, on a test database, a fixed clock and test keys. */
export function importerFor(database: Database, clock: Clock = () => new Date('2026-06-30T04:00:00Z')) {
  const checkpointPath = join(mkdtempSync(join(tmpdir(), 'bianzhi-audit-')), 'audit-head.json');
  const audit = createAuditTrail({ keys: testKeys, checkpointPath, clock });
  const deps = { database, idCipher: createIdCipher(testKeys), audit, clock };
  return {
    checkpointPath,
    idCipher: deps.idCipher,
    run: (source: DatasetSource, options: Partial<ImportOptions> = {}) =>
      importDataset(deps, source, { actor: 'test', ...options }),
  };
}
