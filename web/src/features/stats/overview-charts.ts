import type { ChartOption } from '../../shared/components/Chart.tsx';
import { labelOf, type Labels } from '../../shared/labels.ts';
import type { CountByKey, PostTotal, QuotaTotal } from './stats.api.ts';

/** ECharts options for the region overview, from the API's figures and the Chinese labels. Pure. */

const UNSPECIFIED = '未填';

export const countLabel = (labels: Labels, key: string) =>
  key === 'unspecified' ? UNSPECIFIED : labelOf(labels, key);

/** Counts in the enumeration's own order (ranks high to low), unknown keys after. */
export function orderedCounts(rows: readonly CountByKey[], labels: Labels): CountByKey[] {
  const order = Object.keys(labels);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key));
}

export function total(rows: readonly CountByKey[]): number {
  return rows.reduce((sum, row) => sum + row.count, 0);
}

export function barOption(rows: readonly CountByKey[], labels: Labels, name: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => countLabel(labels, r.key)) },
    series: [{ name, type: 'bar', data: rows.map((r) => r.count), label: { show: true, position: 'right' } }],
  };
}

export function pieOption(rows: readonly CountByKey[], labels: Labels, name: string): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name,
        type: 'pie',
        radius: ['30%', '55%'],
        center: ['50%', '42%'],
        data: rows.map((r) => ({ name: countLabel(labels, r.key), value: r.count })),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}

export function quotaOption(quotas: readonly QuotaTotal[], labels: Labels): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: quotas.map((q) => labelOf(labels, q.kind)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '核定编制', type: 'bar', data: quotas.map((q) => q.approved) },
      { name: '实有人数', type: 'bar', data: quotas.map((q) => q.headcount) },
      { name: '空编', type: 'bar', data: quotas.map((q) => Math.max(0, q.vacancy)) },
    ],
  };
}

export function postOption(posts: readonly PostTotal[], labels: Labels): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: posts.map((p) => labelOf(labels, p.level)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '核定职数', type: 'bar', data: posts.map((p) => p.posts) },
      { name: '实配', type: 'bar', data: posts.map((p) => p.leaders) },
    ],
  };
}
