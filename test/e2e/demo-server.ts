import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The password every demonstration account gets once its one-time password has been replaced. */
export const E2E_PASSWORD = 'Bianzhi-e2e-2026!';

export interface DemoServer {
  url: string;
  /** What the server printed up to the line with its URL (the accounts and their one-time passwords). */
  output: string;
  /** The demonstration accounts (admin, clerk, liaison, auditdept, leader, auditor …), all with E2E_PASSWORD. */
  accounts: string[];
  stop: () => Promise<void>;
}

/**
 * The real `bianzhi serve --demo` on a fresh embedded database, on a free port, exactly as a user
 * starts it (building the web application first when it is out of date); every demonstration
 * account's one-time password is then replaced with E2E_PASSWORD, as a user would on first login.
 * Used by the browser tests and by `npm run screenshots`.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const built = spawnSync(process.execPath, ['web/ensure-built.js'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the web application did not build');
  const folder = mkdtempSync(join(tmpdir(), 'bianzhi-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/bianzhi.js', 'serve', '--demo', '--port', '0', '--db', join(folder, 'db')],
    { env: { ...process.env, BIANZHI_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /已启动：(http:\/\/[^\s/]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const accounts = [...output.matchAll(/^\s+(\w+)\s+\S+\s+一次性密码：(\S+)$/gm)].map((m) => ({
    username: m[1]!,
    oneTimePassword: m[2]!,
  }));
  for (const account of accounts)
    await replaceOneTimePassword(url, account.username, account.oneTimePassword);
  return {
    url,
    output,
    accounts: accounts.map((a) => a.username),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Logs in with the printed one-time password and sets E2E_PASSWORD, as a user would on first login. */
async function replaceOneTimePassword(url: string, username: string, oneTimePassword: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: oneTimePassword }),
  });
  if (!login.ok) throw new Error(`login of ${username} failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const change = await fetch(`${url}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: E2E_PASSWORD }),
  });
  if (!change.ok)
    throw new Error(`password change of ${username} failed: ${change.status} ${await change.text()}`);
}
