import { Card, Input, Select, Space, Table, Tag } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import { labelOf, optionsOf, RANKS, UNIT_KINDS } from '../../../shared/labels.ts';
import { searchUnit } from '../../../shared/pinyin-search.ts';
import { type FigureStatus, STATUS_COLORS, statusLabel } from '../../establishment/figure-status.ts';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { type RegionUnit, useRegionFigures, useRegionUnits } from '../org.api.ts';
import { totalsByUnit } from '../unit-figures.ts';
import { compareOfficial } from '../unit-tree.ts';

const STATUS_FILTERS: { value: FigureStatus; label: string }[] = [
  { value: 'over', label: '超编' },
  { value: 'full', label: '满编' },
  { value: 'vacant', label: '有空编' },
];

/** 单位一览: every unit of the region that holds quota, with its figures, filterable by kind and status. */
export function UnitListPage() {
  const { asOf, link } = useAsOf();
  const [regionCode] = useRegionCode();
  const units = useRegionUnits(regionCode, asOf);
  const figures = useRegionFigures(regionCode, asOf);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<FigureStatus | undefined>();
  const deferred = useDeferredValue(query);
  const totals = useMemo(() => totalsByUnit(figures.data?.figures ?? []), [figures.data]);
  const rows = useMemo(
    () =>
      (units.data?.units ?? [])
        .filter((u) => u.active && u.kind !== 'internal_division')
        .filter((u) => !kind || u.kind === kind)
        .filter((u) => !status || totals.get(u.code)?.status === status)
        .filter((u) => !deferred.trim() || searchUnit(u, deferred) !== null)
        .sort(compareOfficial),
    [units.data, kind, status, totals, deferred],
  );
  return (
    <Card title={`单位一览（截至 ${asOf}）`} extra={<RegionPicker />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索单位"
          placeholder="名称、加挂牌子、拼音首字母"
          allowClear
          style={{ width: 280 }}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Select
          aria-label="机构类别"
          placeholder="机构类别"
          allowClear
          style={{ width: 180 }}
          options={optionsOf(UNIT_KINDS).filter((o) => o.value !== 'internal_division')}
          value={kind}
          onChange={setKind}
        />
        <Select
          aria-label="编制状态"
          placeholder="编制状态"
          allowClear
          style={{ width: 140 }}
          options={STATUS_FILTERS}
          value={status}
          onChange={setStatus}
        />
      </Space>
      <QueryState query={units} what="单位一览">
        {() => (
          <Table<RegionUnit>
            size="small"
            rowKey="code"
            dataSource={rows}
            loading={figures.isFetching || units.isFetching}
            pagination={{ pageSize: 50, showTotal: (total) => `共 ${total} 个单位` }}
            columns={[
              {
                title: '单位名称',
                key: 'name',
                render: (_, u) => <Link to={link(`/org/units/${encodeURIComponent(u.code)}`)}>{u.name}</Link>,
              },
              { title: '机构类别', key: 'kind', render: (_, u) => labelOf(UNIT_KINDS, u.kind) },
              { title: '规格', key: 'rank', render: (_, u) => labelOf(RANKS, u.rank) },
              {
                title: '核定编制',
                key: 'approved',
                align: 'right',
                render: (_, u) => totals.get(u.code)?.approved ?? 0,
              },
              {
                title: '实有人数',
                key: 'headcount',
                align: 'right',
                render: (_, u) => totals.get(u.code)?.headcount ?? 0,
              },
              {
                title: '状态',
                key: 'status',
                render: (_, u) => {
                  const s = totals.get(u.code)?.status ?? 'none';
                  return <Tag color={STATUS_COLORS[s]}>{statusLabel('quota', s)}</Tag>;
                },
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
