import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.ts';

/**
 * Migrates once per run; every test file then starts from a copy of that template: a PGlite data
 * dump, or a PostgreSQL database created WITH TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'bianzhi-test');
  mkdirSync(cacheDir, { recursive: true });
  if (process.env.TEST_DB === 'postgres' || project.config.env?.TEST_DB === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is required for the PostgreSQL suite');
    const template = `bianzhi_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openDatabase(withDatabase(url, template));
    await database.migrate();
    await database.close();
    project.provide('pgTemplate', template);
    return async () => {
      const rows = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'bianzhi_t_${process.pid}_%' OR datname = $1`,
        [template],
      );
      for (const { datname } of rows.rows)
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase('', { memory: true });
  await database.migrate();
  const dump = await database.pglite!.dumpDataDir('none');
  const path = join(cacheDir, `pglite-template-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', path);
  return undefined;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteTemplate: string;
  }
}
