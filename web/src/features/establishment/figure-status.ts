/**
 * How a quota or a post figure stands: over (超编 / 超职数, red), exactly full (满编 / 满配, yellow),
 * with room left (有空编 / 有空缺, green), or nothing approved and nobody in it.
 */

export type FigureStatus = 'over' | 'full' | 'vacant' | 'none';

export function figureStatus(approved: number, used: number): FigureStatus {
  if (used > approved) return 'over';
  if (approved === 0) return 'none';
  return used === approved ? 'full' : 'vacant';
}

export type FigureKind = 'quota' | 'post';

const LABELS: Record<FigureKind, Record<FigureStatus, string>> = {
  quota: { over: '超编', full: '满编', vacant: '有空编', none: '未核定' },
  post: { over: '超职数', full: '满配', vacant: '有空缺', none: '未核定' },
};

/** AntD Tag colours: red for over, gold (yellow) for full. */
export const STATUS_COLORS: Record<FigureStatus, string> = {
  over: 'red',
  full: 'gold',
  vacant: 'green',
  none: 'default',
};

export function statusLabel(kind: FigureKind, status: FigureStatus): string {
  return LABELS[kind][status];
}

/**
 * One status for a unit's several figures: over when any kind is over, full when every kind that
 * has an approval is exactly full, otherwise vacant (or none when nothing is approved at all).
 */
export function combinedStatus(statuses: readonly FigureStatus[]): FigureStatus {
  if (statuses.includes('over')) return 'over';
  const approved = statuses.filter((status) => status !== 'none');
  if (approved.length === 0) return 'none';
  return approved.every((status) => status === 'full') ? 'full' : 'vacant';
}
