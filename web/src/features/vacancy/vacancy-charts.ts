import type { ChartOption } from '../../shared/components/Chart.tsx';
import { labelOf, type Labels } from '../../shared/labels.ts';
import type { KindFigures, SeriesFigures, VacancyAnalysis } from './vacancy.api.ts';

/** ECharts options for 用编分析, from the API's figures and the Chinese labels. Pure. */

export type VacancyMeasure = 'vacancy' | 'available';

export const MEASURE_LABELS: Record<VacancyMeasure, string> = {
  vacancy: '空编',
  available: '可用空编（扣除已批计划）',
};

const lineGrid = { left: 8, right: 24, top: 40, bottom: 8, containLabel: true };

function kindLines<T extends { kind: string }>(
  kinds: readonly string[],
  points: readonly { kinds: readonly T[] }[],
  value: (figures: T) => number,
  labels: Labels,
) {
  return kinds.map((kind) => ({
    name: labelOf(labels, kind),
    type: 'line',
    step: 'end',
    symbolSize: 4,
    data: points.map((p) => {
      const figures = p.kinds.find((k) => k.kind === kind);
      return figures ? value(figures) : 0;
    }),
  }));
}

/** Vacancy now and at the end of each forecast month, a line per quota kind. */
export function forecastOption(
  analysis: VacancyAnalysis,
  measure: VacancyMeasure,
  labels: Labels,
): ChartOption {
  const kinds = analysis.now.map((k) => k.kind);
  const points: { kinds: KindFigures[] }[] = [{ kinds: analysis.now }, ...analysis.points];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: lineGrid,
    xAxis: { type: 'category', data: ['现在', ...analysis.points.map((p) => p.period)] },
    yAxis: { type: 'value', minInterval: 1, name: MEASURE_LABELS[measure] },
    series: kindLines(kinds, points, (k) => k[measure], labels),
  };
}

/** Vacancy as it stood at the end of each past month. */
export function historyOption(
  points: readonly { period: string; kinds: readonly SeriesFigures[] }[],
  labels: Labels,
): ChartOption {
  const kinds = [...new Set(points.flatMap((p) => p.kinds.map((k) => k.kind)))];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: lineGrid,
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', minInterval: 1, name: '空编' },
    series: kindLines(kinds, points, (k) => k.vacancy, labels),
  };
}

/** 退休预报: retirements per year, stacked by kind; those already overdue first. */
export function retirementOption(retirements: VacancyAnalysis['retirements'], labels: Labels): ChartOption {
  const columns = [
    ...(retirements.overdue.length > 0 ? [{ label: '应退未退', byKind: retirements.overdue }] : []),
    ...retirements.years.map((y) => ({ label: `${y.year}年`, byKind: y.byKind })),
  ];
  const kinds = [...new Set(columns.flatMap((c) => c.byKind.map((k) => k.kind)))];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: columns.map((c) => c.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: kinds.map((kind) => ({
      name: labelOf(labels, kind),
      type: 'bar',
      stack: 'retire',
      data: columns.map((c) => c.byKind.find((k) => k.kind === kind)?.count ?? 0),
    })),
  };
}
