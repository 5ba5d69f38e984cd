import { Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate, todayInChina } from '../../../shared/as-of.ts';
import { Chart } from '../../../shared/components/Chart.tsx';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { QueryState } from '../../../shared/components/states.tsx';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import { RegionPicker } from '../../org/components/RegionPicker.tsx';
import { defaultRange, kindOption, netColour, sectorOption } from '../change-charts.ts';
import {
  type ChangeStatistics,
  changeStatisticsExportPath,
  type PostsByLevel,
  type QuotaByKind,
  type UnitKindCount,
  useChangeStatistics,
} from '../change-statistics.api.ts';

const DATE = 'YYYY-MM-DD';

/** The range from `?from=&to=`, else this year up to today. */
function useRange(): [{ from: string; to: string }, (from: string, to: string) => void] {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange(todayInChina());
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const set = (nextFrom: string, nextTo: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('from', nextFrom);
      next.set('to', nextTo);
      return next;
    });
  return [{ from: isIsoDate(from) ? from : fallback.from, to: isIsoDate(to) ? to : fallback.to }, set];
}

function Totals({ stats }: { stats: ChangeStatistics }) {
  const postsNet = stats.posts.byLevel.reduce((sum, p) => sum + p.net, 0);
  const items = [
    { title: '受理动议', value: stats.proposals.received, suffix: '件' },
    { title: '办结', value: stats.proposals.closed, suffix: '件' },
    { title: '增设机构', value: stats.units.addedTotal, suffix: '个' },
    { title: '撤销机构', value: stats.units.removedTotal, suffix: '个' },
    { title: '核增编制', value: stats.quota.totals.added, suffix: '名' },
    { title: '核减编制', value: stats.quota.totals.cut, suffix: '名' },
    { title: '划转编制', value: stats.quota.totals.moved, suffix: '名' },
    { title: '领导职数增减', value: postsNet, suffix: '名' },
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col key={item.title} xs={12} md={6} xl={3} role="group" aria-label={item.title}>
          <Statistic title={item.title} value={item.value} suffix={item.suffix} />
        </Col>
      ))}
    </Row>
  );
}

function UnitCounts({ title, rows }: { title: string; rows: UnitKindCount[] }) {
  return (
    <Table<UnitKindCount>
      aria-label={title}
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      size="small"
      rowKey="kind"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '无' }}
      columns={[
        { title: '机构类别', dataIndex: 'label' },
        { title: '个数', dataIndex: 'count', align: 'right' },
      ]}
    />
  );
}

const signed = (n: number) => (
  <Typography.Text style={{ color: netColour(n) }}>{n > 0 ? `+${n}` : n}</Typography.Text>
);

function ChangesView({ stats }: { stats: ChangeStatistics }) {
  const sectors = useMemo(() => sectorOption(stats.quota.bySector), [stats.quota.bySector]);
  const kinds = useMemo(() => kindOption(stats.quota.byKind), [stats.quota.byKind]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {stats.sentence}
      </Typography.Title>
      <Card size="small">
        <Totals stats={stats} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="编制增减（按领域：加强为绿，减弱为红）" size="small">
            <Chart
              option={sectors}
              label="编制按领域增减图"
              height={Math.max(200, stats.quota.bySector.length * 28)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="编制变动（按类型）" size="small">
            <Chart option={kinds} label="编制按类型变动图" />
            <Table<QuotaByKind>
              aria-label="编制变动（按类型）"
              size="small"
              rowKey="kind"
              pagination={false}
              dataSource={stats.quota.byKind}
              locale={{ emptyText: '期间编制无变动' }}
              columns={[
                { title: '编制类型', dataIndex: 'label' },
                { title: '核增', dataIndex: 'added', align: 'right' },
                { title: '核减', dataIndex: 'cut', align: 'right' },
                { title: '划入', dataIndex: 'movedIn', align: 'right' },
                { title: '划出', dataIndex: 'movedOut', align: 'right' },
                { title: '净增减', key: 'net', align: 'right', render: (_, k) => signed(k.net) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <UnitCounts title="增设机构" rows={stats.units.added} />
        </Col>
        <Col xs={24} xl={8}>
          <UnitCounts title="撤销机构" rows={stats.units.removed} />
        </Col>
        <Col xs={24} xl={8}>
          <Table<PostsByLevel>
            aria-label="领导职数变动"
            title={() => <Typography.Text strong>领导职数变动</Typography.Text>}
            size="small"
            rowKey="level"
            pagination={false}
            dataSource={stats.posts.byLevel}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '职数类别', dataIndex: 'label' },
              { title: '增加', dataIndex: 'added', align: 'right' },
              { title: '核减', dataIndex: 'cut', align: 'right' },
              { title: '净增减', key: 'net', align: 'right', render: (_, p) => signed(p.net) },
            ]}
          />
        </Col>
      </Row>
    </Space>
  );
}

/** 机构编制变动情况统计: what the changes between two dates added up to, with charts and an Excel export. */
export function ChangeStatisticsPage() {
  const [region] = useRegionCode();
  const [{ from, to }, setRange] = useRange();
  const range = { region, from, to };
  const stats = useChangeStatistics(range);
  return (
    <Card
      title={`机构编制变动情况统计（${from} 至 ${to}）`}
      extra={
        <Space wrap>
          <RegionPicker />
          <DatePicker.RangePicker
            aria-label="统计期间"
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            onChange={(dates) => {
              const [start, end] = (dates ?? []) as [Dayjs | null, Dayjs | null];
              if (start && end) setRange(start.format(DATE), end.format(DATE));
            }}
          />
          {stats.isSuccess && (
            <DownloadButton
              path={changeStatisticsExportPath(range)}
              filename={`机构编制变动情况统计-${from}-${to}.xlsx`}
            >
              导出 Excel
            </DownloadButton>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        统计生效日期在起始日之后、截止日当日及以前的变动。
      </Typography.Paragraph>
      <QueryState query={stats} what="机构编制变动情况统计" rows={12}>
        {(data) => <ChangesView stats={data} />}
      </QueryState>
    </Card>
  );
}
