import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database or a transaction: repositories take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

// Raw queries see dates as 'YYYY-MM-DD', timestamps as text and bigint counts as numbers on both drivers.
const identity = (value: string) => value;
const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  20: Number, // int8
  1082: identity, // date
  1114: identity, // timestamp
  1184: identity, // timestamptz
};
for (const [oid, parse] of Object.entries(TYPE_PARSERS)) pg.types.setTypeParser(Number(oid), parse);

export const pgliteOptions = { parsers: TYPE_PARSERS };

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export class DatabaseLockedError extends Error {
  readonly code = 'db.locked';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `嵌入式数据库 ${dataDir} 正由进程 ${pid} 使用（可能是正在运行的 bianzhi serve）。请通过该服务的接口操作，或先停止它。`,
    );
  }
}

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** The embedded database's folder (where its key and audit checkpoint live); null for PostgreSQL. */
  readonly dataDir: string | null;
  /** The connection string or folder this was opened from. */
  readonly target: string;
  /** Direct access for COPY on PostgreSQL or PGlite's blob COPY. */
  readonly pool: pg.Pool | null;
  readonly pglite: PGlite | null;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

export function defaultTarget(env: NodeJS.ProcessEnv = process.env): string {
  return env.BIANZHI_DB || './data/bianzhi';
}

/** Opens PostgreSQL (a postgres:// URL) or the embedded PGlite in a folder, guarded by a lock file. */
export async function openDatabase(
  target: string,
  options: { memory?: boolean; pglite?: PGlite } = {},
): Promise<Database> {
  if (isPostgresUrl(target)) return openPostgres(target);
  if (options.pglite) return wrapPglite(options.pglite, null, target, () => {});
  if (options.memory) return wrapPglite(await PGlite.create(pgliteOptions), null, 'memory://', () => {});
  const dataDir = resolve(target);
  mkdirSync(dataDir, { recursive: true });
  const release = acquireLock(dataDir);
  try {
    const client = await PGlite.create(join(dataDir, 'pgdata'), pgliteOptions);
    return wrapPglite(client, dataDir, target, release);
  } catch (error) {
    release();
    throw error;
  }
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.BIANZHI_DB_POOL ?? 10) });
  // An idle connection the server closed (a restart, a dropped database) is replaced on the next
  // checkout; without a listener its error event would bring the whole process down.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    dataDir: null,
    target: url,
    pool,
    pglite: null,
    migrate: () => migrateNodePg(drizzleNodePg(pool), { migrationsFolder }),
    close: () => pool.end(),
  };
}

function wrapPglite(client: PGlite, dataDir: string | null, target: string, release: () => void): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    dataDir,
    target,
    pool: null,
    pglite: client,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** PGlite admits one process; a lock file with the holder's pid keeps a second one out. */
function acquireLock(dataDir: string): () => void {
  const lockPath = join(dataDir, 'bianzhi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (pid && isAlive(pid)) throw new DatabaseLockedError(dataDir, pid);
      // The holder is gone (a crash): the lock is stale.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`无法获取数据库锁 ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockHeld(dataDir: string): boolean {
  return existsSync(join(resolve(dataDir), 'bianzhi.lock'));
}

/** Runs raw SQL and returns its rows, on either driver. */
export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A query run often with the same shape (the checks before a write): on PostgreSQL a named statement,
 * prepared once per connection and then only executed — planning these small queries costs more than
 * running them. The name is the statement's own digest, so one text has one name. On PGlite (one
 * connection, in process) it is an ordinary query.
 */
export async function preparedQuery<T>(db: Db, statement: SQL): Promise<T[]> {
  // Drizzle keeps the driver's client and the SQL dialect on the database and on each transaction.
  const inner = db as unknown as {
    session?: { client?: unknown };
    dialect: { sqlToQuery(statement: SQL): { sql: string; params: unknown[] } };
  };
  const client = inner.session?.client;
  if (!(client instanceof pg.Pool || client instanceof pg.Client)) return query<T>(db, statement);
  const { sql: text, params } = inner.dialect.sqlToQuery(statement);
  const name = `bz_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  const result = await client.query<T & pg.QueryResultRow>({ name, text, values: params });
  return result.rows;
}

/**
 * A query that aggregates a whole region (millions of seats): run with enough sort and hash memory
 * that PostgreSQL's default 4 MB does not send it to disk. SET LOCAL lasts for its transaction only.
 */
export async function statisticsQuery<T>(db: Db, statement: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    return query<T>(tx, statement);
  });
}

export { sql };
