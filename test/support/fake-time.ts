import type { Timer } from '../../src/modules/warnings/warnings.scheduler.ts';

/** A clock that moves only when told, and a timer that fires what falls due as it moves. */
export function fakeTime(start: string) {
  let now = Date.parse(start);
  let nextId = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timer: Timer = {
    set(callback, ms) {
      const id = ++nextId;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    clock: () => new Date(now),
    timer,
    pending: () => pending.size,
    /** Moves to the instant, firing every timer due by then in order of their time. */
    moveTo(iso: string) {
      const target = Date.parse(iso);
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
      }
      now = target;
    },
    /** Fires every pending timer now, whatever its time (a timer waking early). */
    fireEarly() {
      const all = [...pending.entries()];
      pending.clear();
      for (const [, t] of all) t.callback();
    },
  };
}
