import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/support/cli-io.ts';
import { main } from '../main.ts';

describe('bianzhi retirement', () => {
  it('prints the statutory age and retirement month as one line of JSON', async () => {
    const cli = captureIo();
    expect(await main(['retirement', '--birth', '1965-01', '--group', 'male'], cli.io)).toBe(0);
    expect(cli.stdout()).toBe('{"ageMonths":721,"age":"60岁1个月","retireOn":"2025-02"}\n');
    expect(cli.stderr()).toBe('');
  });

  it('drops a zero month from the age', async () => {
    const cli = captureIo();
    expect(await main(['retirement', '--birth', '1984-11', '--group', 'female_worker'], cli.io)).toBe(0);
    expect(JSON.parse(cli.stdout())).toEqual({ ageMonths: 660, age: '55岁', retireOn: '2039-11' });
  });

  it('needs no database', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-retirement-')), 'db');
    const cli = captureIo({ BIANZHI_DB: folder });
    expect(await main(['retirement', '--birth', '1970-05', '--group', 'female_cadre'], cli.io)).toBe(0);
    expect(JSON.parse(cli.stdout())).toEqual({ ageMonths: 662, age: '55岁2个月', retireOn: '2025-07' });
    expect(existsSync(folder)).toBe(false);
  });

  it('is listed in the help', async () => {
    const cli = captureIo();
    expect(await main(['--help'], cli.io)).toBe(0);
    expect(cli.stdout()).toContain(
      'bianzhi retirement --birth YYYY-MM --group male|female_cadre|female_worker',
    );
  });

  it.each([
    ['a missing birth month', ['--group', 'male'], '缺少 --birth'],
    ['a missing group', ['--birth', '1965-01'], '缺少 --group'],
    ['a birth month that is not YYYY-MM', ['--birth', '1965-13', '--group', 'male'], '出生年月应为 YYYY-MM'],
    [
      'a full birth date instead of a month',
      ['--birth', '1965-01-15', '--group', 'male'],
      '出生年月应为 YYYY-MM',
    ],
    ['an unknown group', ['--birth', '1965-01', '--group', 'female'], '退休类别应为'],
    ['a stray argument', ['--birth', '1965-01', '--group', 'male', 'extra'], '多余的参数'],
    [
      'an unknown option',
      ['--birth', '1965-01', '--group', 'male', '--age', '60'],
      '用法: bianzhi retirement',
    ],
  ])('refuses %s with exit code 2 and a Chinese message', async (_case, args, message) => {
    const cli = captureIo();
    expect(await main(['retirement', ...args], cli.io)).toBe(2);
    expect(cli.stderr()).toContain(message);
    expect(cli.stdout()).toBe('');
  });
});
