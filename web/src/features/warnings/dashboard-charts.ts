import type { ChartOption } from '../../shared/components/Chart.tsx';

/** ECharts options of the warnings dashboard. Pure. */

/** 违规 red, 风险 orange, 提示 blue: the colours of the severity tags too. */
export const SEVERITY_COLORS: Record<string, string> = { 违规: '#cf1322', 风险: '#d46b08', 提示: '#1677ff' };
export const SEVERITY_TAGS: Record<string, string> = { 违规: 'red', 风险: 'orange', 提示: 'blue' };

export interface NamedCount {
  name: string;
  count: number;
  color?: string;
}

export function barOption(rows: readonly NamedCount[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [
      {
        name: seriesName,
        type: 'bar',
        data: rows.map((r) => (r.color ? { value: r.count, itemStyle: { color: r.color } } : r.count)),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function pieOption(rows: readonly NamedCount[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['30%', '55%'],
        center: ['50%', '42%'],
        data: rows.map((r) => ({
          name: r.name,
          value: r.count,
          ...(r.color ? { itemStyle: { color: r.color } } : {}),
        })),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}
