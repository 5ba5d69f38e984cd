import { describe, expect, it } from 'vitest';
import {
  defaultRange,
  kindOption,
  netColour,
  sectorOption,
  STRENGTHENED,
  WEAKENED,
} from './change-charts.ts';

const sector = (sectorCode: string, net: number) => ({
  sectorCode,
  sectorName: `领域${sectorCode}`,
  added: Math.max(net, 0),
  cut: Math.max(-net, 0),
  movedIn: 0,
  movedOut: 0,
  net,
});

describe('the change statistics', () => {
  it('covers this year up to today unless another range is chosen', () => {
    expect(defaultRange('2026-11-22')).toEqual({ from: '2026-01-01', to: '2026-11-22' });
  });

  it('shows strengthened sectors in green first and weakened ones in red last', () => {
    const option = sectorOption([sector('B', -3), sector('A', 0), sector('C', 5)]) as {
      yAxis: { data: string[] };
      series: { data: { value: number; itemStyle: { color: string } }[] }[];
    };
    expect(option.yAxis.data).toEqual(['领域C', '领域A', '领域B']);
    expect(option.series[0]!.data.map((d) => [d.value, d.itemStyle.color])).toEqual([
      [5, STRENGTHENED],
      [0, netColour(0)],
      [-3, WEAKENED],
    ]);
    expect(netColour(0)).not.toBe(STRENGTHENED);
  });

  it('sets added, cut, moved in and moved out of each quota kind side by side', () => {
    const option = kindOption([
      { kind: 'administrative', label: '行政编制', added: 2, cut: 1, movedIn: 3, movedOut: 3, net: 1 },
    ]) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] };
    expect(option.xAxis.data).toEqual(['行政编制']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['核增', [2]],
      ['核减', [1]],
      ['划入', [3]],
      ['划出', [3]],
    ]);
  });
});
