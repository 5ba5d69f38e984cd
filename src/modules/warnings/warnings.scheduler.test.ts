import { describe, expect, it } from 'vitest';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { nextOccurrence, parseScanAt, startScanScheduler } from './warnings.scheduler.ts';

describe('the scan time', () => {
  it('reads HH:MM and off, and refuses anything else in Chinese', () => {
    expect(parseScanAt('02:00')).toEqual({ hour: 2, minute: 0 });
    expect(parseScanAt('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseScanAt('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseScanAt('off')).toBeNull();
    for (const bad of ['24:00', '12:60', '2', 'noon', '', '02:00:00'])
      expect(() => parseScanAt(bad), bad).toThrow(/扫描时间应为 HH:MM/);
  });

  it('is the time of day in China (UTC+8): today if still ahead, else tomorrow', () => {
    const at = { hour: 2, minute: 0 };
    // 2026-06-30 01:00 in China: today at 02:00 China, 2026-06-29T18:00Z.
    expect(new Date(nextOccurrence(at, Date.parse('2026-06-29T17:00:00Z'))).toISOString()).toBe(
      '2026-06-29T18:00:00.000Z',
    );
    // Exactly at the time: now.
    expect(new Date(nextOccurrence(at, Date.parse('2026-06-29T18:00:00Z'))).toISOString()).toBe(
      '2026-06-29T18:00:00.000Z',
    );
    // 2026-06-30 12:00 in China: tomorrow's.
    expect(new Date(nextOccurrence(at, Date.parse('2026-06-30T04:00:00Z'))).toISOString()).toBe(
      '2026-06-30T18:00:00.000Z',
    );
    // Across a month end in China.
    expect(
      new Date(nextOccurrence({ hour: 23, minute: 30 }, Date.parse('2026-12-31T16:00:00Z'))).toISOString(),
    ).toBe('2027-01-01T15:30:00.000Z');
  });
});

describe('the daily scan scheduler', () => {
  it('fires at the set time, once, and again the next day', () => {
    const time = fakeTime('2026-06-30T04:00:00Z'); // 12:00 in China
    const runs: string[] = [];
    const scheduler = startScanScheduler({
      at: { hour: 2, minute: 0 },
      clock: time.clock,
      timer: time.timer,
      run: () => runs.push(time.clock().toISOString()),
    });
    expect(scheduler.next()!.toISOString()).toBe('2026-06-30T18:00:00.000Z');
    time.moveTo('2026-06-30T17:59:59Z');
    expect(runs).toEqual([]);
    time.moveTo('2026-06-30T18:00:00Z');
    expect(runs).toEqual(['2026-06-30T18:00:00.000Z']);
    // The same minute, an hour on, a timer waking early: nothing more that day.
    time.moveTo('2026-06-30T18:00:30Z');
    time.moveTo('2026-06-30T19:00:00Z');
    time.fireEarly();
    expect(runs).toHaveLength(1);
    expect(time.pending()).toBe(1);
    expect(scheduler.next()!.toISOString()).toBe('2026-07-01T18:00:00.000Z');
    time.moveTo('2026-07-02T12:00:00Z');
    expect(runs).toEqual(['2026-06-30T18:00:00.000Z', '2026-07-01T18:00:00.000Z']);
    scheduler.stop();
    expect(scheduler.next()).toBeNull();
    expect(time.pending()).toBe(0);
    time.moveTo('2026-07-10T00:00:00Z');
    expect(runs).toHaveLength(2);
  });

  it('keeps its schedule when a run throws', () => {
    const time = fakeTime('2026-06-30T04:00:00Z');
    const errors: unknown[] = [];
    let runs = 0;
    const scheduler = startScanScheduler({
      at: { hour: 12, minute: 30 },
      clock: time.clock,
      timer: time.timer,
      run: () => {
        runs += 1;
        throw new Error('服务器正在停止');
      },
      onError: (error) => errors.push(error),
    });
    time.moveTo('2026-07-01T05:00:00Z');
    expect(runs).toBe(2);
    expect(errors).toHaveLength(2);
    expect(scheduler.next()!.toISOString()).toBe('2026-07-02T04:30:00.000Z');
    scheduler.stop();
  });
});
