import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppOptions } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createAuditTrail } from '../../src/modules/audit/audit.service.ts';
import { createIdCipher } from '../../src/modules/identity/id-cipher.ts';
import type { Clock } from '../../src/shared/dates.ts';
import { testKeys } from './test-db.ts';

/** What `buildApp` needs, wired as `serve` wires it, on a test database with test keys. */
export function appOptionsFor(database: Database, clock: Clock): AppOptions {
  const checkpointPath = join(mkdtempSync(join(tmpdir(), 'bianzhi-audit-')), 'audit-head.json');
  return {
    database,
    idCipher: createIdCipher(testKeys),
    audit: createAuditTrail({ keys: testKeys, checkpointPath, clock }),
    clock,
  };
}
