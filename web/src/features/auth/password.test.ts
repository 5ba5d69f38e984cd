import { describe, expect, it } from 'vitest';
import { passwordProblem } from './auth.api.ts';

describe('the password rules, checked before sending', () => {
  it('asks for 10 characters of three classes, without the username', () => {
    expect(passwordProblem('Ab1!', 'clerk')).toBe('密码至少 10 个字符');
    expect(passwordProblem('abcdefghij1', 'clerk')).toBe(
      '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    );
    expect(passwordProblem('Clerk-2026-ok', 'clerk')).toBe('密码不能包含用户名');
    expect(passwordProblem('Qingyuan-2026', 'clerk')).toBeNull();
  });
});
