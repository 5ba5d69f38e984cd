import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testDbKind } from './test-db.ts';

/**
 * A database for a command-line test, on the suite's database kind: a fresh PGlite folder, or a
 * fresh PostgreSQL database with a key file and audit checkpoint beside it.
 */
export async function cliDatabase(): Promise<{
  db: string;
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}> {
  const folder = mkdtempSync(join(tmpdir(), 'bianzhi-cli-'));
  if (testDbKind !== 'postgres') return { db: join(folder, 'db'), env: {}, dispose: async () => {} };
  const database = await createTestDatabase();
  return {
    db: database.target,
    env: { BIANZHI_KEY_FILE: join(folder, 'bianzhi.key') },
    dispose: () => database.close(),
  };
}
