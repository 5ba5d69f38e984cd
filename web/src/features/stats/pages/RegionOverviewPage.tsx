import { Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Chart } from '../../../shared/components/Chart.tsx';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { QueryState } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import {
  FUNDINGS,
  labelOf,
  OFF_QUOTA_TYPES,
  POST_LEVELS,
  PUBLIC_CLASSES,
  QUOTA_KINDS,
  RANKS,
  UNIT_KINDS,
} from '../../../shared/labels.ts';
import { FigureTag } from '../../establishment/components/FigureTag.tsx';
import { RegionPicker } from '../../org/components/RegionPicker.tsx';
import { CountSection } from '../components/CountSection.tsx';
import { postOption, quotaOption, total } from '../overview-charts.ts';
import { type PostTotal, type QuotaTotal, type RegionOverview, useRegionOverview } from '../stats.api.ts';

function Totals({ overview }: { overview: RegionOverview }) {
  const approved = overview.quotas.reduce((sum, q) => sum + q.approved, 0);
  const headcount = overview.headcount ?? overview.quotas.reduce((sum, q) => sum + q.headcount, 0);
  const items = [
    { title: '党政机构', value: total(overview.bodiesByKind), suffix: '个' },
    { title: '事业单位', value: total(overview.institutionsByRank), suffix: '个' },
    { title: '核定编制', value: approved, suffix: '名' },
    { title: '实有人数', value: headcount, suffix: '人' },
    { title: '空编', value: approved - headcount, suffix: '名' },
    { title: '编外人员', value: total(overview.offQuotaByType), suffix: '人' },
    { title: '借调人员', value: overview.secondedStaff, suffix: '人' },
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col key={item.title} xs={12} md={6} xl={3}>
          <Statistic title={item.title} value={item.value} suffix={item.suffix} />
        </Col>
      ))}
    </Row>
  );
}

function QuotaSection({ quotas }: { quotas: QuotaTotal[] }) {
  const option = useMemo(() => quotaOption(quotas, QUOTA_KINDS), [quotas]);
  return (
    <Card title="编制（按类型）" size="small">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Chart option={option} label="编制按类型图" />
        </Col>
        <Col xs={24} lg={12}>
          <Table<QuotaTotal>
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={quotas}
            locale={{ emptyText: '未核定编制' }}
            columns={[
              { title: '编制类型', key: 'kind', render: (_, q) => labelOf(QUOTA_KINDS, q.kind) },
              { title: '核定编制', dataIndex: 'approved', align: 'right' },
              { title: '实有人数', dataIndex: 'headcount', align: 'right' },
              {
                title: '空编',
                dataIndex: 'vacancy',
                align: 'right',
                render: (v: number) => (v < 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
              },
              {
                title: '超编单位',
                key: 'over',
                align: 'right',
                render: (_, q) =>
                  q.overUnits > 0 ? <Typography.Text type="danger">{q.overUnits} 个</Typography.Text> : '—',
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

function PostSection({ posts }: { posts: PostTotal[] }) {
  const option = useMemo(() => postOption(posts, POST_LEVELS), [posts]);
  return (
    <Card title="领导职数" size="small">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Chart option={option} label="领导职数图" height={240} />
        </Col>
        <Col xs={24} lg={12}>
          <Table<PostTotal>
            size="small"
            rowKey="level"
            pagination={false}
            dataSource={posts}
            locale={{ emptyText: '未核定领导职数' }}
            columns={[
              { title: '职数类别', key: 'level', render: (_, p) => labelOf(POST_LEVELS, p.level) },
              { title: '核定职数', dataIndex: 'posts', align: 'right' },
              { title: '实配', dataIndex: 'leaders', align: 'right' },
              {
                title: '状态',
                key: 'status',
                render: (_, p) => <FigureTag kind="post" approved={p.posts} used={p.leaders} />,
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

function OverviewView({ overview }: { overview: RegionOverview }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Totals overview={overview} />
      </Card>
      <QuotaSection quotas={overview.quotas} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <CountSection
            title="党政机构（按类别）"
            rows={overview.bodiesByKind}
            labels={UNIT_KINDS}
            keyTitle="机构类别"
            chart="bar"
          />
        </Col>
        <Col xs={24} xl={12}>
          <CountSection
            title="事业单位（按规格）"
            rows={overview.institutionsByRank}
            labels={RANKS}
            keyTitle="机构规格"
            chart="bar"
          />
        </Col>
        <Col xs={24} xl={12}>
          <CountSection
            title="事业单位（按类别）"
            rows={overview.institutionsByClass}
            labels={PUBLIC_CLASSES}
            keyTitle="事业单位类别"
            chart="pie"
          />
        </Col>
        {overview.institutionsByFunding && (
          <Col xs={24} xl={12}>
            <CountSection
              title="事业单位（按经费形式）"
              rows={overview.institutionsByFunding}
              labels={FUNDINGS}
              keyTitle="经费形式"
              chart="pie"
            />
          </Col>
        )}
      </Row>
      <PostSection posts={overview.posts} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <CountSection
            title="编外人员（按用工类型）"
            rows={overview.offQuotaByType}
            labels={OFF_QUOTA_TYPES}
            keyTitle="用工类型"
            chart="pie"
            unit="人"
          />
        </Col>
        <Col xs={24} xl={12}>
          <Card title="借调人员" size="small">
            <Statistic title="截至日期在借调中的人员" value={overview.secondedStaff} suffix="人" />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** 区域概况: the baseline a 编办 reports for its region, as of the chosen date, with an Excel export. */
export function RegionOverviewPage() {
  const { asOf } = useAsOf();
  const [regionCode] = useRegionCode();
  const overview = useRegionOverview(regionCode, asOf);
  const name = overview.data?.region?.name ?? overview.data?.regionName ?? '';
  return (
    <Card
      title={`${name}机构编制基本情况（截至 ${asOf}）`}
      extra={
        <Space>
          <RegionPicker />
          {overview.isSuccess && (
            <DownloadButton
              path={`/api/regions/${encodeURIComponent(regionCode)}/overview/export?asOf=${asOf}`}
              filename={`区域概况-${asOf}.xlsx`}
            >
              导出 Excel
            </DownloadButton>
          )}
        </Space>
      }
    >
      <QueryState query={overview} what="区域概况" rows={12}>
        {(data) => <OverviewView overview={data} />}
      </QueryState>
    </Card>
  );
}
