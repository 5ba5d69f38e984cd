import { Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/cli.ts';

function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Streams for `main(argv, io)` that keep what the command writes. The environment is empty unless
 * given, so a developer's own BIANZHI_DB or key file never leaks into a test.
 */
export function captureIo(env: NodeJS.ProcessEnv = {}): { io: CliIo; stdout(): string; stderr(): string } {
  const stdout = collector();
  const stderr = collector();
  return {
    io: { stdout: stdout.stream, stderr: stderr.stream, env },
    stdout: stdout.text,
    stderr: stderr.text,
  };
}
