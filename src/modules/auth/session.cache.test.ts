import { describe, expect, it } from 'vitest';
import type { AuthSession } from './auth.service.ts';
import { SessionCache } from './session.cache.ts';

const session = (id: string, userId: number) =>
  ({ id, csrfToken: 'x', caller: { userId } }) as unknown as AuthSession;

describe('the session cache', () => {
  it('answers for a session until its time is up, then sends the request back to the database', () => {
    const cache = new SessionCache(1000);
    cache.set(session('a', 1), 10_000);
    expect(cache.get('a', 10_999)?.id).toBe('a');
    expect(cache.get('a', 11_000)).toBeNull();
    expect(cache.get('b', 10_000)).toBeNull();
  });

  it('forgets one session on logout, and every session of a user whose account changed', () => {
    const cache = new SessionCache(1000);
    cache.set(session('a', 1), 0);
    cache.set(session('b', 1), 0);
    cache.set(session('c', 2), 0);
    cache.forgetSession('c');
    expect(cache.get('c', 1)).toBeNull();
    cache.forgetUser(1);
    expect(cache.get('a', 1)).toBeNull();
    expect(cache.get('b', 1)).toBeNull();
  });

  it('does not trust an entry from the future (a clock moved back)', () => {
    const cache = new SessionCache(1000);
    cache.set(session('a', 1), 5000);
    expect(cache.get('a', 4000)).toBeNull();
  });
});
