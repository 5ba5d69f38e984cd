import type { ChartOption } from '../../shared/components/Chart.tsx';
import type { QuotaByKind, QuotaBySector } from './change-statistics.api.ts';

/** The change statistics' charts and defaults, from the API's figures. Pure. */

export const STRENGTHENED = '#52c41a';
export const WEAKENED = '#f5222d';
const UNCHANGED = '#bfbfbf';

/** The default range: from 1 January of this year to today. */
export function defaultRange(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** A net change's colour: gained quota (strengthened) green, lost (weakened) red. */
export const netColour = (net: number) => (net > 0 ? STRENGTHENED : net < 0 ? WEAKENED : UNCHANGED);

/** Sectors by net change, most strengthened first: one bar each, green up and red down. */
export function sectorOption(bySector: readonly QuotaBySector[]): ChartOption {
  const rows = [...bySector].sort((a, b) => b.net - a.net || a.sectorCode.localeCompare(b.sectorCode));
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.sectorName) },
    series: [
      {
        name: '编制净增减',
        type: 'bar',
        data: rows.map((r) => ({ value: r.net, itemStyle: { color: netColour(r.net) } })),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** Per quota kind: added, cut, moved in and moved out side by side. */
export function kindOption(byKind: readonly QuotaByKind[]): ChartOption {
  const series = [
    { name: '核增', key: 'added', color: STRENGTHENED },
    { name: '核减', key: 'cut', color: WEAKENED },
    { name: '划入', key: 'movedIn', color: '#1677ff' },
    { name: '划出', key: 'movedOut', color: '#fa8c16' },
  ] as const;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: byKind.map((k) => k.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: byKind.map((k) => k[s.key]),
      itemStyle: { color: s.color },
    })),
  };
}
