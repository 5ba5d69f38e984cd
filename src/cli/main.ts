import { DatabaseLockedError } from '../db/database.ts';
import { KeyFileError } from '../modules/identity/keys.ts';
import { DomainError } from '../shared/domain-error.ts';
import { type CliIo, contextFor, parseCommandArgs, ReportedError, UsageError } from './cli.ts';
import { commands } from './commands/index.ts';

function usage(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(72)} ${c.summary}`);
  return `用法: bianzhi <命令> [选项] [--db <postgres://…|目录>]\n\n${lines.join('\n')}\n`;
}

/** The `bianzhi` command line. Returns the exit code: 0 success, 1 reported error, 2 bad usage. */
export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`未知命令: ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    const parsed = parseCommandArgs(command, rest);
    return await command.run(parsed, contextFor(io, parsed.values.db as string | undefined));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (
      error instanceof ReportedError ||
      error instanceof DomainError ||
      error instanceof DatabaseLockedError ||
      error instanceof KeyFileError
    ) {
      io.stderr.write(`错误: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`错误: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
