import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/support/cli-io.ts';
import { testDbKind } from '../../../test/support/test-db.ts';
import { main } from '../main.ts';

const bin = join(import.meta.dirname, '../../../bin/bianzhi.js');

/** Starts `bianzhi serve` on a free port and resolves once it prints its address. */
function startServer(folder: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', folder], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (url && output.includes('访问令牌')) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, started, exited, output: () => output };
}

async function stop(child: ChildProcess, exited: Promise<number | null>) {
  child.kill('SIGTERM');
  return exited;
}

// The command runs on the embedded database in a folder of its own, whichever suite this is.
describe.skipIf(testDbKind === 'postgres')('bianzhi serve', () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-serve-')), 'db');

  it('serves the API on 127.0.0.1 with a fresh token, and stops on SIGTERM releasing the database', async () => {
    const server = startServer(folder, {});
    const url = await server.started;
    const token = /访问令牌（本次启动有效）：(\S+)/.exec(server.output())?.[1];
    expect(token).toBeTruthy();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/regions`)).status).toBe(401);
    const regions = await fetch(`${url}/api/regions`, { headers: { authorization: `Bearer ${token}` } });
    expect(await regions.json()).toEqual({ regions: [] });

    expect(await stop(server.child, server.exited)).toBe(0);
    expect(existsSync(join(folder, 'bianzhi.lock'))).toBe(false);
  });

  it('starts again on the same folder, taking the token from BIANZHI_API_TOKEN without echoing it', async () => {
    const server = startServer(folder, { BIANZHI_API_TOKEN: 'operator-secret' });
    const url = await server.started;
    expect(server.output()).not.toContain('operator-secret');
    const response = await fetch(`${url}/api/regions`, {
      headers: { authorization: 'Bearer operator-secret' },
    });
    expect(response.status).toBe(200);
    expect(await stop(server.child, server.exited)).toBe(0);
  });
});

describe('bianzhi serve usage', () => {
  it('refuses a port that is not a number as bad usage', async () => {
    const capture = captureIo();
    expect(await main(['serve', '--port', 'http'], capture.io)).toBe(2);
    expect(capture.stderr()).toContain('端口');
  });
});
