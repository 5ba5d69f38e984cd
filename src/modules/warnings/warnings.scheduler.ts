import type { Clock } from '../../shared/dates.ts';
import { DomainError } from '../../shared/domain-error.ts';

/**
 * The daily scan (issue 4 "on a schedule"): at a time of day in China (UTC+8, as `todayOf`), once a
 * day. The clock and the timer are given, so a test moves time instead of waiting for it.
 */

export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, not keeping the process alive on their own (the server does). */
export const systemTimer: Timer = {
  set(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface TimeOfDay {
  hour: number;
  minute: number;
}

export const DEFAULT_SCAN_AT = '02:00';

export class ScanAtInvalidError extends DomainError {
  constructor(value: string) {
    super('warnings.scan_at_invalid', `扫描时间应为 HH:MM（如 02:00）或 off：${value}`, 'invalid');
  }
}

/** `HH:MM` as a time of day; `off` as null (no scheduled scans). */
export function parseScanAt(value: string): TimeOfDay | null {
  if (value === 'off') return null;
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  const [hour, minute] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || hour > 23 || minute > 59) throw new ScanAtInvalidError(value);
  return { hour, minute };
}

const CHINA_OFFSET = 8 * 3600_000;
const DAY = 86_400_000;

/** The first instant at or after `from` (epoch ms) when China's clocks show the time of day. */
export function nextOccurrence(at: TimeOfDay, from: number): number {
  const local = new Date(from + CHINA_OFFSET);
  const today =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), at.hour, at.minute) -
    CHINA_OFFSET;
  return today >= from ? today : today + DAY;
}

export interface ScanSchedulerOptions {
  at: TimeOfDay;
  clock: Clock;
  timer?: Timer;
  /** Starts the scan; it decides itself whether one is already under way. */
  run: () => void;
  /** A run that threw: for the log. */
  onError?: (error: unknown) => void;
}

export interface ScanScheduler {
  /** When the next scan is due, or null once stopped. */
  next(): Date | null;
  stop(): void;
}

/** Starts at once: the first scan at the next occurrence of the time, then one a day. */
export function startScanScheduler(options: ScanSchedulerOptions): ScanScheduler {
  const timer = options.timer ?? systemTimer;
  const now = () => options.clock().getTime();
  let due: number | null = nextOccurrence(options.at, now());
  let handle: unknown;

  const arm = () => {
    if (due === null) return;
    handle = timer.set(fire, Math.max(0, due - now()));
  };

  function fire() {
    handle = undefined;
    if (due === null) return;
    const time = now();
    // A timer may wake a little early: wait for the due time itself.
    if (time < due) return arm();
    // The next one is strictly later than this one and than now, so it never fires twice for a day.
    due = nextOccurrence(options.at, Math.max(due, time) + 1);
    try {
      options.run();
    } catch (error) {
      options.onError?.(error);
    }
    arm();
  }

  arm();
  return {
    next: () => (due === null ? null : new Date(due)),
    stop() {
      due = null;
      if (handle !== undefined) timer.clear(handle);
      handle = undefined;
    },
  };
}
