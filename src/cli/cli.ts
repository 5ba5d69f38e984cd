import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Database, defaultTarget, openDatabase } from '../db/database.ts';
import { type AuditTrail, checkpointPathFor, createAuditTrail } from '../modules/audit/audit.service.ts';
import { createIdCipher, type IdCipher } from '../modules/identity/id-cipher.ts';
import { type Keys, loadKeys } from '../modules/identity/keys.ts';
import { type Clock, systemClock } from '../shared/dates.ts';

/** Bad usage: exit code 2. */
export class UsageError extends Error {}

/** An error the command reports to the user: exit code 1, message on stderr. */
export class ReportedError extends Error {}

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  io: CliIo;
  /** The `--db` value or its default. */
  target: string;
  /** Opens the database the command works on, migrated, with its keys. */
  open(): Promise<OpenedDatabase>;
}

export interface OpenedDatabase {
  database: Database;
  keys: Keys;
  idCipher: IdCipher;
  audit: AuditTrail;
  clock: Clock;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(
    parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    context: CommandContext,
  ): Promise<number>;
}

export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, db: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n用法: ${command.usage}`);
  }
}

export async function openForCli(target: string, env: NodeJS.ProcessEnv): Promise<OpenedDatabase> {
  const database = await openDatabase(target);
  try {
    await database.migrate();
    const keys = loadKeys({ dataDir: database.dataDir, keyFile: env.BIANZHI_KEY_FILE });
    const clock = systemClock;
    const audit = createAuditTrail({ keys, checkpointPath: checkpointPathFor(database, env), clock });
    return { database, keys, idCipher: createIdCipher(keys), audit, clock };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export function contextFor(io: CliIo, db: string | undefined): CommandContext {
  const target = db ?? defaultTarget(io.env);
  return { io, target, open: () => openForCli(target, io.env) };
}
