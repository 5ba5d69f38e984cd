import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, pgliteOptions } from '../../src/db/database.ts';
import { deriveKeys, type Keys } from '../../src/modules/identity/keys.ts';
import { withDatabase } from './global-setup.ts';

export const testDbKind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** A fresh, migrated database of its own for one test file (or one test). */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `bianzhi_t_${inject('pgTemplate').replace('bianzhi_tpl_', '')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase(withDatabase(url, name));
    const close = database.close;
    return {
      ...database,
      close: async () => {
        await close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const client = await PGlite.create({ ...pgliteOptions, loadDataDir: dump });
  return openDatabase('memory://test', { pglite: client });
}

/** Fixed keys, so tests are repeatable; real deployments generate theirs. */
export const testKeys: Keys = deriveKeys(Buffer.alloc(32, 7));
