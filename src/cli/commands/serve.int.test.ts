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
function startServer(folder: string, env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', folder, ...args], {
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
      if (url && output.includes('Ctrl+C')) resolve(url);
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

  it('creates the administrators on first start, printing one-time passwords, and stops on SIGTERM', async () => {
    const server = startServer(folder, {}, ['--region', '290121']);
    const url = await server.started;
    const passwords = Object.fromEntries(
      [...server.output().matchAll(/^ +([a-z]+) .*一次性密码：(\S+)$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    expect(Object.keys(passwords).sort()).toEqual(['admin', 'auditor', 'secadmin', 'sysadmin']);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/regions`)).status).toBe(401);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: passwords.admin }),
    });
    expect(login.status).toBe(200);
    const session = await login.json();
    expect(session.user).toMatchObject({ username: 'admin', roles: ['admin'], mustChangePassword: true });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    // The one-time password opens the password change and nothing else.
    const regions = await fetch(`${url}/api/regions`, { headers: { cookie } });
    expect(regions.status).toBe(403);
    expect((await regions.json()).code).toBe('auth.password_change_required');

    expect(await stop(server.child, server.exited)).toBe(0);
    expect(existsSync(join(folder, 'bianzhi.lock'))).toBe(false);
  });

  it('starts again on the same folder without creating or printing accounts', async () => {
    const server = startServer(folder, {});
    await server.started;
    expect(server.output()).not.toContain('一次性密码');
    expect(await stop(server.child, server.exited)).toBe(0);
  });
});

describe('bianzhi serve usage', () => {
  it('refuses a port that is not a number as bad usage', async () => {
    const capture = captureIo();
    expect(await main(['serve', '--port', 'http'], capture.io)).toBe(2);
    expect(capture.stderr()).toContain('端口');
  });

  it('refuses a scan time that is neither HH:MM nor off as bad usage', async () => {
    const capture = captureIo();
    expect(await main(['serve', '--scan-at', '25:00'], capture.io)).toBe(2);
    expect(capture.stderr()).toContain('扫描时间应为 HH:MM（如 02:00）或 off');
  });
});
