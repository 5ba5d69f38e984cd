import { Card, Col, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Chart } from '../../../shared/components/Chart.tsx';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { QueryState } from '../../../shared/components/states.tsx';
import { queryString } from '../../../shared/api/client.ts';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import { AGE_BANDS, GENDERS, labelOf, QUOTA_KINDS } from '../../../shared/labels.ts';
import { useRegionUnits } from '../../org/org.api.ts';
import { RegionPicker } from '../../org/components/RegionPicker.tsx';
import { barOption } from '../../stats/overview-charts.ts';
import {
  forecastOption,
  historyOption,
  MEASURE_LABELS,
  retirementOption,
  type VacancyMeasure,
} from '../vacancy-charts.ts';
import {
  type KindFigures,
  type Retiree,
  type SubjectParams,
  useRetirees,
  useVacancy,
  useVacancySeries,
  type VacancyAnalysis,
} from '../vacancy.api.ts';

const UNIT_PARAM = 'unit';
const FREE_TEXT = { other: '其他' };

/** The first day of the month `months` before the date's month. */
function monthsBefore(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

const signed = (value: number) =>
  value < 0 ? <Typography.Text type="danger">{value}</Typography.Text> : value;

function NowTable({ rows }: { rows: KindFigures[] }) {
  return (
    <Table<KindFigures>
      size="small"
      rowKey="kind"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '未核定编制' }}
      columns={[
        { title: '编制类型', key: 'kind', render: (_, k) => labelOf(QUOTA_KINDS, k.kind) },
        { title: '核定编制', dataIndex: 'approved', align: 'right' },
        { title: '实有人数', dataIndex: 'headcount', align: 'right' },
        { title: '已核准待入编', dataIndex: 'reserved', align: 'right' },
        { title: '空编', dataIndex: 'vacancy', align: 'right', render: signed },
        { title: '已批计划未核准', dataIndex: 'planned', align: 'right' },
        { title: '可用空编', dataIndex: 'available', align: 'right', render: signed },
      ]}
    />
  );
}

function ForecastCard({ analysis }: { analysis: VacancyAnalysis }) {
  const [measure, setMeasure] = useState<VacancyMeasure>('available');
  const option = useMemo(() => forecastOption(analysis, measure, QUOTA_KINDS), [analysis, measure]);
  return (
    <Card
      size="small"
      title={`今后 ${analysis.months / 12} 年空编预测（各月月末）`}
      extra={
        <Segmented<VacancyMeasure>
          value={measure}
          onChange={setMeasure}
          options={(Object.keys(MEASURE_LABELS) as VacancyMeasure[]).map((value) => ({
            value,
            label: MEASURE_LABELS[value],
          }))}
        />
      }
    >
      <Chart option={option} label="空编预测折线图" height={320} />
      <Typography.Text type="secondary">
        按法定退休年月（退休年月的次月减员）、用编核准有效期、已批用编计划（自计划年度起）和编制台账中未来生效的核增核减推算。
      </Typography.Text>
    </Card>
  );
}

function HistoryCard({ subject, asOf }: { subject: SubjectParams; asOf: string }) {
  const from = monthsBefore(asOf, 23);
  const series = useVacancySeries(subject, from, asOf);
  const option = useMemo(() => historyOption(series.data?.points ?? [], QUOTA_KINDS), [series.data]);
  return (
    <Card size="small" title={`近两年空编（${from} 至 ${asOf}）`}>
      <QueryState query={series} what="历史空编" rows={4}>
        {() => <Chart option={option} label="历史空编折线图" height={260} />}
      </QueryState>
    </Card>
  );
}

function TurnoverCard({ turnover }: { turnover: VacancyAnalysis['turnover'] }) {
  return (
    <Card size="small" title="周转编制">
      <Row gutter={16}>
        {[
          { title: '核定', value: turnover.approved },
          { title: '已使用', value: turnover.used },
          { title: '待入编', value: turnover.reserved },
          { title: '剩余', value: turnover.remaining },
        ].map((item) => (
          <Col span={6} key={item.title}>
            <Statistic title={item.title} value={item.value} suffix="名" />
          </Col>
        ))}
      </Row>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="period"
        pagination={false}
        dataSource={turnover.dueBack}
        locale={{ emptyText: '五年内无可预计收回的周转编制' }}
        columns={[
          { title: '预计收回月份', dataIndex: 'period' },
          { title: '收回', dataIndex: 'count', align: 'right' },
          { title: '其中退休', dataIndex: 'byRetirement', align: 'right' },
        ]}
      />
      <Typography.Text type="secondary">
        另有 {turnover.undated} 名无退休或出编日期可据以预计，随人员转入正常编制收回。
      </Typography.Text>
    </Card>
  );
}

function RetireeTable({ subject, asOf }: { subject: SubjectParams; asOf: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const retirees = useRetirees(subject, asOf, page, pageSize);
  return (
    <Card size="small" title="退休预报名单（五年内达到法定退休年龄）">
      <Table<Retiree>
        size="small"
        rowKey="seatId"
        loading={retirees.isFetching}
        dataSource={retirees.data?.items ?? []}
        locale={{ emptyText: '五年内无人达到法定退休年龄' }}
        pagination={{
          current: page,
          pageSize,
          total: retirees.data?.total ?? 0,
          showTotal: (total) => `共 ${total} 人`,
          onChange: (next, size) => {
            setPage(next);
            setPageSize(size);
          },
        }}
        columns={[
          {
            title: '退休年月',
            dataIndex: 'retireOn',
            render: (value: string, r) => (
              <Space>
                {value}
                {r.overdue && <Tag color="red">应退未退</Tag>}
              </Space>
            ),
          },
          { title: '姓名', dataIndex: 'name' },
          { title: '性别', key: 'gender', render: (_, r) => labelOf(GENDERS, r.gender) },
          { title: '公民身份号码', key: 'id', render: (_, r) => r.idNumber ?? r.idMasked },
          { title: '单位', key: 'unit', render: (_, r) => `${r.unitName ?? ''}（${r.unitCode}）` },
          { title: '编制类型', key: 'kind', render: (_, r) => labelOf(QUOTA_KINDS, r.quotaKind) },
          { title: '法定退休年龄', dataIndex: 'statutoryAge', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

function StructureCards({ structure }: { structure: VacancyAnalysis['structure'] }) {
  const charts = [
    { title: '年龄结构', rows: structure.ageBands, labels: AGE_BANDS, label: '年龄结构图' },
    { title: '学历结构', rows: structure.education, labels: FREE_TEXT, label: '学历结构图' },
    { title: '专业结构', rows: structure.majors, labels: FREE_TEXT, label: '专业结构图' },
  ];
  return (
    <Row gutter={[16, 16]}>
      {charts.map((chart) => (
        <Col xs={24} xl={8} key={chart.title}>
          <Card size="small" title={`${chart.title}（${structure.people} 人）`}>
            <Chart option={barOption(chart.rows, chart.labels, '人数')} label={chart.label} height={260} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function AnalysisView({ analysis, subject }: { analysis: VacancyAnalysis; subject: SubjectParams }) {
  const retirement = useMemo(() => retirementOption(analysis.retirements, QUOTA_KINDS), [analysis]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="空编现状">
        <NowTable rows={analysis.now} />
      </Card>
      <ForecastCard analysis={analysis} />
      <HistoryCard subject={subject} asOf={analysis.asOf} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="退休预报（按年度、编制类型）">
            <Chart option={retirement} label="退休预报柱状图" height={280} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <TurnoverCard turnover={analysis.turnover} />
        </Col>
      </Row>
      <StructureCards structure={analysis.structure} />
      <RetireeTable subject={subject} asOf={analysis.asOf} />
    </Space>
  );
}

function UnitPicker({ regionCode, asOf }: { regionCode: string; asOf: string }) {
  const [params, setParams] = useSearchParams();
  const units = useRegionUnits(regionCode, asOf);
  const options = (units.data?.units ?? []).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }));
  return (
    <Select
      aria-label="单位"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部单位"
      style={{ minWidth: 240 }}
      value={params.get(UNIT_PARAM) ?? undefined}
      options={options}
      onChange={(code: string | undefined) =>
        setParams((current) => {
          const next = new URLSearchParams(current);
          if (code) next.set(UNIT_PARAM, code);
          else next.delete(UNIT_PARAM);
          return next;
        })
      }
    />
  );
}

/** 用编分析 (用编计划汇总): vacancy now, then and ahead, with the people and their retirements. */
export function VacancyPage() {
  const { asOf } = useAsOf();
  const [regionCode] = useRegionCode();
  const [params] = useSearchParams();
  const unit = params.get(UNIT_PARAM) ?? undefined;
  const subject = useMemo(() => ({ region: regionCode, unit }), [regionCode, unit]);
  const analysis = useVacancy(subject, asOf);
  const name = analysis.data ? (analysis.data.subject.unitName ?? analysis.data.subject.regionName) : '';
  return (
    <Card
      title={`${name}用编分析（截至 ${asOf}）`}
      extra={
        <Space wrap>
          <RegionPicker />
          <UnitPicker regionCode={regionCode} asOf={asOf} />
          {analysis.isSuccess && (
            <DownloadButton
              path={`/api/vacancy/export${queryString({ ...subject, asOf })}`}
              filename={`用编分析-${asOf}.xlsx`}
            >
              导出 Excel
            </DownloadButton>
          )}
        </Space>
      }
    >
      <QueryState query={analysis} what="用编分析" rows={12}>
        {(data) => <AnalysisView analysis={data} subject={subject} />}
      </QueryState>
    </Card>
  );
}
