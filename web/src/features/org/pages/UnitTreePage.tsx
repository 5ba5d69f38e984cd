import { Card, Col, Input, Row, Space, Statistic, Switch, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { QueryState, Nothing } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { UnitTree } from '../components/UnitTree.tsx';
import { type RegionUnits, type QuotaFigure, useRegionFigures, useRegionUnits } from '../org.api.ts';
import { totalsByUnit } from '../unit-figures.ts';
import { buildUnitTree, filterUnitTree } from '../unit-tree.ts';

function Summary({ units }: { units: RegionUnits['units'] }) {
  const active = units.filter((u) => u.active);
  const count = (test: (kind: string) => boolean) => active.filter((u) => test(u.kind)).length;
  return (
    <Row gutter={16}>
      <Col span={6}>
        <Statistic
          title="党政机构及乡镇街道"
          value={count((k) => k !== 'public_institution' && k !== 'internal_division')}
        />
      </Col>
      <Col span={6}>
        <Statistic title="事业单位" value={count((k) => k === 'public_institution')} />
      </Col>
      <Col span={6}>
        <Statistic title="内设机构" value={count((k) => k === 'internal_division')} />
      </Col>
      <Col span={6}>
        <Statistic title="已撤销" value={units.length - active.length} />
      </Col>
    </Row>
  );
}

function TreeView({ data, figures }: { data: RegionUnits; figures: QuotaFigure[] }) {
  const { link } = useAsOf();
  const [query, setQuery] = useState('');
  const [showAbolished, setShowAbolished] = useState(true);
  const [opened, setOpened] = useState<string[]>([]);
  const deferredQuery = useDeferredValue(query);
  const roots = useMemo(
    () => buildUnitTree(showAbolished ? data.units : data.units.filter((u) => u.active)),
    [data.units, showAbolished],
  );
  const filtered = useMemo(() => filterUnitTree(roots, deferredQuery), [roots, deferredQuery]);
  const totals = useMemo(() => totalsByUnit(figures), [figures]);
  const searching = deferredQuery.trim() !== '';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Summary units={data.units} />
      <Space wrap>
        <Input.Search
          aria-label="搜索机构"
          placeholder="名称、加挂牌子、拼音首字母或机构代码"
          allowClear
          style={{ width: 360 }}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Space>
          <Switch id="show-abolished" checked={showAbolished} onChange={setShowAbolished} />
          <label htmlFor="show-abolished">显示已撤销机构</label>
        </Space>
        {searching && <Typography.Text type="secondary">找到 {filtered.hits.size} 个机构</Typography.Text>}
      </Space>
      {filtered.nodes.length === 0 ? (
        <Nothing description={searching ? '没有匹配的机构' : '该区划尚无机构'} />
      ) : (
        <UnitTree
          nodes={filtered.nodes}
          hits={filtered.hits}
          totals={totals}
          expanded={searching ? filtered.expanded : opened}
          onExpand={setOpened}
          link={link}
          height={Math.max(400, window.innerHeight - 330)}
        />
      )}
    </Space>
  );
}

/** 机构树: the region's units in official order, searchable by name, alias and pinyin. */
export function UnitTreePage() {
  const { asOf } = useAsOf();
  const [regionCode] = useRegionCode();
  const units = useRegionUnits(regionCode, asOf);
  const figures = useRegionFigures(regionCode, asOf);
  return (
    <Card
      title={units.data ? `${units.data.region.name}机构树（截至 ${units.data.asOf}）` : '机构树'}
      extra={<RegionPicker />}
    >
      <QueryState query={units} what="机构树">
        {(data) => <TreeView data={data} figures={figures.data?.figures ?? []} />}
      </QueryState>
    </Card>
  );
}
