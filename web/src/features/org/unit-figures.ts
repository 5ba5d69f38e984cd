import { combinedStatus, type FigureStatus, figureStatus } from '../establishment/figure-status.ts';
import type { QuotaFigure } from './org.api.ts';

export interface UnitTotals {
  approved: number;
  headcount: number;
  /** Over when any kind is over (超编), full when every kind is full (满编). */
  status: FigureStatus;
}

/** A unit's quota of every kind added up, by unit code: the counts the tree and the list show. */
export function totalsByUnit(figures: readonly QuotaFigure[]): Map<string, UnitTotals> {
  const byUnit = new Map<string, QuotaFigure[]>();
  for (const figure of figures) byUnit.set(figure.unitCode, [...(byUnit.get(figure.unitCode) ?? []), figure]);
  const totals = new Map<string, UnitTotals>();
  for (const [code, list] of byUnit)
    totals.set(code, {
      approved: list.reduce((sum, f) => sum + f.approved, 0),
      headcount: list.reduce((sum, f) => sum + f.headcount, 0),
      status: combinedStatus(list.map((f) => figureStatus(f.approved, f.headcount))),
    });
  return totals;
}
