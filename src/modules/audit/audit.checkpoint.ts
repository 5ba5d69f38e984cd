import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Database } from '../../db/database.ts';
import { AuditError } from './audit.errors.ts';
import type { ChainLink } from './audit.rules.ts';

export const CHECKPOINT_FILE_NAME = 'audit-head.json';

/**
 * Where the chain head is checkpointed: the embedded database's folder, or for PostgreSQL
 * `BIANZHI_AUDIT_CHECKPOINT`, else beside the key file. Null for an in-memory database without
 * `BIANZHI_AUDIT_CHECKPOINT`: nothing of it outlives the process anyway.
 */
export function checkpointPathFor(
  database: Pick<Database, 'kind' | 'dataDir'>,
  env: NodeJS.ProcessEnv,
): string | null {
  if (database.kind === 'pglite') {
    if (database.dataDir) return join(database.dataDir, CHECKPOINT_FILE_NAME);
    return env.BIANZHI_AUDIT_CHECKPOINT ? resolve(env.BIANZHI_AUDIT_CHECKPOINT) : null;
  }
  if (env.BIANZHI_AUDIT_CHECKPOINT) return resolve(env.BIANZHI_AUDIT_CHECKPOINT);
  if (env.BIANZHI_KEY_FILE) return join(dirname(resolve(env.BIANZHI_KEY_FILE)), CHECKPOINT_FILE_NAME);
  throw new AuditError(
    'audit.checkpoint_unset',
    '使用 PostgreSQL 时须通过 BIANZHI_AUDIT_CHECKPOINT 或 BIANZHI_KEY_FILE 指定审计链头检查点的位置',
  );
}

export type Checkpoint =
  { state: 'missing' } | { state: 'invalid'; reason: string } | { state: 'present'; head: ChainLink };

export function readCheckpoint(path: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', reason: `无法读取审计链头检查点 ${path}：${(error as Error).message}` };
  }
  try {
    const { seq, hash } = JSON.parse(text) as Partial<ChainLink>;
    if (Number.isSafeInteger(seq) && seq! >= 1 && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))
      return { state: 'present', head: { seq: seq!, hash } };
  } catch {
    // Reported below, like any other malformed content.
  }
  return { state: 'invalid', reason: `审计链头检查点 ${path} 内容无效` };
}

/**
 * Writes the head if it is further along than the file: never backwards, whatever order concurrent
 * commits finish in (callers hold a lock across read and write). Written to a temporary file, synced
 * and renamed, so a crash leaves the old checkpoint or the new one, never half of one.
 */
export async function advanceCheckpoint(path: string, head: ChainLink): Promise<void> {
  const current = readCheckpoint(path);
  if (current.state === 'present' && current.head.seq >= head.seq) return;
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'wx', 0o644);
    try {
      await file.writeFile(`${JSON.stringify({ seq: head.seq, hash: head.hash })}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
