import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase } from '../../../test/support/cli-db.ts';
import { captureIo } from '../../../test/support/cli-io.ts';
import { main } from '../main.ts';

let target: Awaited<ReturnType<typeof cliDatabase>>;
beforeAll(async () => {
  target = await cliDatabase();
});
afterAll(() => target.dispose());

async function run(...args: string[]) {
  const capture = captureIo(target.env);
  const code = await main([...args, '--db', target.db], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

const passwordIn = (output: string) => /一次性密码：(\S+)/.exec(output)?.[1];

describe('bianzhi user', () => {
  it('creates an account with its roles and prints a one-time password once', async () => {
    const created = await run(
      'user',
      'create',
      '--username',
      'Chief',
      '--name',
      '王主任',
      '--region',
      '320902',
      '--roles',
      'admin',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/chief +编办管理员/);
    expect(passwordIn(created.stdout)).toMatch(/^\S{14}$/);
    const list = await run('user', 'list');
    expect(list.stdout).toContain('chief\t王主任\t320902\t\t编办管理员\t须改密码');
    expect(list.stdout).not.toContain(passwordIn(created.stdout)!);
  });

  it('resets a password with a new one-time password', async () => {
    const before = passwordIn(
      (
        await run(
          'user',
          'create',
          '--username',
          'clerk1',
          '--name',
          '李',
          '--region',
          '320902',
          '--roles',
          'clerk',
        )
      ).stdout,
    );
    const reset = await run('user', 'reset-password', 'clerk1');
    expect(reset.code).toBe(0);
    expect(passwordIn(reset.stdout)).not.toBe(before);
  });

  it('refuses 三员 together, unknown roles and missing options, saying why', async () => {
    const together = await run(
      'user',
      'create',
      '--username',
      'both',
      '--name',
      '某',
      '--region',
      '320902',
      '--roles',
      'system_admin,audit_admin',
    );
    expect(together.code).toBe(1);
    expect(together.stderr).toContain('三员分立');
    const unknown = await run(
      'user',
      'create',
      '--username',
      'x1',
      '--name',
      '某',
      '--region',
      '320902',
      '--roles',
      'boss',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知角色');
    expect((await run('user', 'create', '--name', '某')).code).toBe(2);
    expect((await run('user', 'reset-password', 'nobody')).code).toBe(1);
  });
});
