import { Card, Col, Radio, Row, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import { labelOf, POST_LEVELS, QUOTA_KINDS } from '../../../shared/labels.ts';
import {
  type FigureKind,
  type FigureStatus,
  STATUS_COLORS,
  statusLabel,
} from '../../establishment/figure-status.ts';
import { RegionPicker } from '../../org/components/RegionPicker.tsx';
import { type Light, type LightsPage, type UnitLights, useLights } from '../warnings.api.ts';

const STATUS_OF: Record<Light, FigureStatus> = { red: 'over', yellow: 'full', green: 'vacant', none: 'none' };

const FILTERS: { value: Light | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'red', label: '红灯（超编）' },
  { value: 'yellow', label: '黄灯（满编）' },
  { value: 'green', label: '绿灯（有空编）' },
];

/** One lit figure: its name, in use / approved, and the light as a coloured tag. */
function LightTag({
  kind,
  name,
  approved,
  used,
  light,
}: {
  kind: FigureKind;
  name: string;
  approved: number;
  used: number;
  light: Light;
}) {
  const status = STATUS_OF[light];
  const what = kind === 'quota' ? '核定 / 实有' : '职数 / 实配';
  return (
    <Tooltip title={`${name}：${what} ${approved} / ${used}`}>
      <Tag color={STATUS_COLORS[status]} style={{ marginBottom: 4 }}>
        {name} {used}/{approved} {statusLabel(kind, status)}
      </Tag>
    </Tooltip>
  );
}

function Counts({ data }: { data: LightsPage }) {
  const items = [
    { title: '超编单位（红灯）', value: data.counts.units.red, color: '#cf1322' },
    { title: '满编单位（黄灯）', value: data.counts.units.yellow, color: '#d48806' },
    { title: '有空编单位（绿灯）', value: data.counts.units.green, color: '#389e0d' },
  ];
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <Col key={item.title} xs={24} md={8}>
          <Statistic
            title={item.title}
            value={item.value}
            suffix="个"
            styles={{ content: { color: item.color } }}
          />
        </Col>
      ))}
    </Row>
  );
}

/** 超缺编亮灯: every unit's quota kinds and leadership posts, red over, yellow full, green with room. */
export function UnitLightsPage() {
  const { asOf, link } = useAsOf();
  const [regionCode] = useRegionCode();
  const [light, setLight] = useState<Light | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const lights = useLights(regionCode, asOf, light, paging.page, paging.pageSize);
  return (
    <Card title={`超缺编亮灯（截至 ${asOf}）`} extra={<RegionPicker />}>
      <Space style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label="灯色"
          optionType="button"
          options={FILTERS}
          value={light ?? 'all'}
          onChange={(event) => {
            const value = event.target.value as Light | 'all';
            setLight(value === 'all' ? undefined : value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
      </Space>
      <QueryState query={lights} what="超缺编亮灯" rows={10}>
        {(data) => (
          <>
            <Counts data={data} />
            <Table<UnitLights>
              size="small"
              aria-label="各单位亮灯"
              rowKey="unitCode"
              dataSource={data.items}
              loading={lights.isFetching}
              locale={{ emptyText: '没有符合条件的单位' }}
              pagination={{
                current: data.page,
                pageSize: data.pageSize,
                total: data.total,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100, 200],
                showTotal: (total) => `共 ${total} 个单位`,
                onChange: (page, pageSize) => setPaging({ page, pageSize }),
              }}
              columns={[
                {
                  title: '单位',
                  key: 'unit',
                  width: 260,
                  render: (_, u) => (
                    <Link to={link(`/org/units/${encodeURIComponent(u.unitCode)}`)}>
                      {u.unitName ?? u.unitCode}
                    </Link>
                  ),
                },
                { title: '区划', key: 'region', width: 110, render: (_, u) => u.regionName ?? u.regionCode },
                {
                  title: '编制（实有/核定）',
                  key: 'quotas',
                  render: (_, u) =>
                    u.quotas.map((q) => (
                      <LightTag
                        key={q.kind}
                        kind="quota"
                        name={labelOf(QUOTA_KINDS, q.kind)}
                        approved={q.approved}
                        used={q.headcount}
                        light={q.light}
                      />
                    )),
                },
                {
                  title: '领导职数（实配/职数）',
                  key: 'posts',
                  render: (_, u) =>
                    u.posts.map((p) => (
                      <LightTag
                        key={p.level}
                        kind="post"
                        name={labelOf(POST_LEVELS, p.level)}
                        approved={p.posts}
                        used={p.leaders}
                        light={p.light}
                      />
                    )),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}
