import type { AuthSession } from './auth.service.ts';

/**
 * Sessions resolved in the last few seconds, so a request reaches the database for its session at
 * most once per `ttlMs`. The embedded database has one connection, which an import holds for its
 * whole transaction: without this, every request — the progress polls of that import included —
 * would wait for it to end. Anything that ends or changes a user's sessions (logout, a password,
 * roles, disabling, a lock) forgets them here at once; another server process on the same
 * PostgreSQL keeps its copy for at most `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: AuthSession; at: number }>();

  constructor(private readonly ttlMs = 30_000) {}

  get(id: string, now: number): AuthSession | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (now - entry.at >= this.ttlMs || now < entry.at) {
      this.entries.delete(id);
      return null;
    }
    return entry.session;
  }

  set(session: AuthSession, now: number): void {
    this.entries.set(session.id, { session, at: now });
  }

  forgetSession(id: string): void {
    this.entries.delete(id);
  }

  forgetUser(userId: number): void {
    for (const [id, entry] of this.entries)
      if (entry.session.caller.userId === userId) this.entries.delete(id);
  }
}
