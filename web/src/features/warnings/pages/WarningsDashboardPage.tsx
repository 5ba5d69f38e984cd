import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tag } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Chart } from '../../../shared/components/Chart.tsx';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { QueryState } from '../../../shared/components/states.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { useRegionCode } from '../../../shared/hooks/use-region.ts';
import { hasPermission, useUser } from '../../auth/session.tsx';
import { RegionPicker } from '../../org/components/RegionPicker.tsx';
import { ScanButton } from '../components/ScanButton.tsx';
import { WarningTable } from '../components/WarningTable.tsx';
import {
  barOption,
  type NamedCount,
  pieOption,
  SEVERITY_COLORS,
  SEVERITY_TAGS,
} from '../dashboard-charts.ts';
import {
  type Dashboard,
  dashboardExportPath,
  type DrillFilter,
  type RegionCount,
  type RuleCount,
  useDashboard,
  useDrill,
} from '../warnings.api.ts';

/** The drill-down's filter, kept in the URL so a link or the back button returns to it. */
const FILTER_KEYS = ['rule', 'class', 'severity', 'subRegion'] as const;

function useDrillFilter(): [DrillFilter | null, (filter: DrillFilter | null) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => {
    const chosen = Object.fromEntries(
      FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
    ) as DrillFilter;
    return Object.keys(chosen).length ? chosen : null;
  }, [params]);
  const set = (next: DrillFilter | null) =>
    setParams((current) => {
      const search = new URLSearchParams(current);
      for (const key of FILTER_KEYS) search.delete(key);
      for (const [key, value] of Object.entries(next ?? {})) if (value) search.set(key, value);
      return search;
    });
  return [filter, set];
}

/** A chart beside its table, the table's first column a link that drills down. */
function Section({
  title,
  chart,
  children,
}: {
  title: string;
  chart: {
    option: ReturnType<typeof barOption>;
    label: string;
    height?: number;
    onSelect: (i: number) => void;
  };
  children: ReactNode;
}) {
  return (
    <Card title={title} size="small">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Chart option={chart.option} label={chart.label} height={chart.height} onSelect={chart.onSelect} />
        </Col>
        <Col xs={24} lg={12}>
          {children}
        </Col>
      </Row>
    </Card>
  );
}

function DrillLink({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={onClick}>
      {label}
    </Button>
  );
}

function Source({ dashboard }: { dashboard: Dashboard }) {
  if (dashboard.source === 'live')
    return (
      <Alert type="info" showIcon title={`按 ${dashboard.asOf} 的数据即时扫描的结果（不记入预警台账）`} />
    );
  return (
    <Alert
      type={dashboard.scannedOn ? 'info' : 'warning'}
      showIcon
      title={
        dashboard.scannedOn
          ? `预警台账中未消除的预警（最近一次扫描：${dashboard.scannedOn}）`
          : '尚未扫描过：请点击“立即扫描”'
      }
    />
  );
}

function DashboardView({ dashboard, drill }: { dashboard: Dashboard; drill: (f: DrillFilter) => void }) {
  const classRows: NamedCount[] = dashboard.byClass.map((c) => ({ name: c.class, count: c.count }));
  const severityRows: NamedCount[] = dashboard.bySeverity.map((s) => ({
    name: s.severity,
    count: s.count,
    color: SEVERITY_COLORS[s.severity],
  }));
  const ruleRows: NamedCount[] = dashboard.byRule.map((r) => ({
    name: r.name,
    count: r.count,
    color: SEVERITY_COLORS[r.severity],
  }));
  const regionName = (r: RegionCount) => (r.own ? `${r.name}（本级）` : r.name);
  const regionRows: NamedCount[] = dashboard.byRegion.map((r) => ({ name: regionName(r), count: r.count }));
  const count = { title: '预警数', dataIndex: 'count', align: 'right' as const };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Source dashboard={dashboard} />
      <Card size="small">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title="预警总数" value={dashboard.total} suffix="条" data-testid="warnings-total" />
          </Col>
          {dashboard.bySeverity.map((s) => (
            <Col key={s.severity} xs={12} md={6}>
              <Statistic
                title={s.severity}
                value={s.count}
                suffix="条"
                styles={{ content: { color: SEVERITY_COLORS[s.severity] } }}
              />
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Section
            title="按类别"
            chart={{
              option: pieOption(classRows, '预警数'),
              label: '预警按类别图',
              onSelect: (i) => drill({ class: dashboard.byClass[i]!.class }),
            }}
          >
            <Table
              size="small"
              aria-label="预警按类别"
              rowKey="class"
              pagination={false}
              dataSource={dashboard.byClass}
              columns={[
                {
                  title: '类别',
                  key: 'class',
                  render: (_, c) => <DrillLink label={c.class} onClick={() => drill({ class: c.class })} />,
                },
                count,
              ]}
            />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section
            title="按严重程度"
            chart={{
              option: pieOption(severityRows, '预警数'),
              label: '预警按严重程度图',
              onSelect: (i) => drill({ severity: dashboard.bySeverity[i]!.severity }),
            }}
          >
            <Table
              size="small"
              aria-label="预警按严重程度"
              rowKey="severity"
              pagination={false}
              dataSource={dashboard.bySeverity}
              columns={[
                {
                  title: '严重程度',
                  key: 'severity',
                  render: (_, s) => (
                    <DrillLink label={s.severity} onClick={() => drill({ severity: s.severity })} />
                  ),
                },
                count,
              ]}
            />
          </Section>
        </Col>
      </Row>
      <Section
        title="按规则"
        chart={{
          option: barOption(ruleRows, '预警数'),
          label: '预警按规则图',
          height: ruleRows.length * 26 + 24,
          onSelect: (i) => drill({ rule: dashboard.byRule[i]!.rule }),
        }}
      >
        <Table<RuleCount>
          size="small"
          aria-label="预警按规则"
          rowKey="rule"
          pagination={false}
          dataSource={dashboard.byRule}
          columns={[
            {
              title: '规则',
              key: 'rule',
              render: (_, r) => <DrillLink label={r.name} onClick={() => drill({ rule: r.rule })} />,
            },
            { title: '类别', dataIndex: 'class' },
            {
              title: '严重程度',
              dataIndex: 'severity',
              render: (s: string) => <Tag color={SEVERITY_TAGS[s]}>{s}</Tag>,
            },
            count,
          ]}
        />
      </Section>
      <Section
        title="按区划"
        chart={{
          option: barOption(regionRows, '预警数'),
          label: '预警按区划图',
          height: Math.max(160, regionRows.length * 28 + 24),
          onSelect: (i) => drill({ subRegion: dashboard.byRegion[i]!.code }),
        }}
      >
        <Table<RegionCount>
          size="small"
          aria-label="预警按区划"
          rowKey="code"
          pagination={false}
          dataSource={dashboard.byRegion}
          columns={[
            {
              title: '区划',
              key: 'region',
              render: (_, r) => (
                <DrillLink label={regionName(r)} onClick={() => drill({ subRegion: r.code })} />
              ),
            },
            count,
          ]}
        />
      </Section>
    </Space>
  );
}

function filterLabel(filter: DrillFilter, dashboard: Dashboard | undefined): string {
  const parts: string[] = [];
  if (filter.rule) parts.push(dashboard?.byRule.find((r) => r.rule === filter.rule)?.name ?? filter.rule);
  if (filter.class) parts.push(filter.class);
  if (filter.severity) parts.push(filter.severity);
  if (filter.subRegion)
    parts.push(dashboard?.byRegion.find((r) => r.code === filter.subRegion)?.name ?? filter.subRegion);
  return parts.join(' · ');
}

function DrillPanel({
  regionCode,
  asOf,
  filter,
  dashboard,
  onClose,
}: {
  regionCode: string;
  asOf: string;
  filter: DrillFilter;
  dashboard: Dashboard | undefined;
  onClose: () => void;
}) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20, key: '' });
  const key = JSON.stringify([filter, asOf, regionCode]);
  const { page, pageSize } = paging.key === key ? paging : { page: 1, pageSize: paging.pageSize };
  const warnings = useDrill(regionCode, asOf, filter, page, pageSize);
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    card.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [key]);
  return (
    <Card
      ref={card}
      size="small"
      title={`预警明细：${filterLabel(filter, dashboard)}`}
      extra={
        <Space>
          <DownloadButton
            path={dashboardExportPath(regionCode, asOf, filter)}
            filename={`预警明细-${asOf}.xlsx`}
          >
            导出明细
          </DownloadButton>
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      <QueryState query={warnings} what="预警明细" rows={6}>
        {(data) => (
          <WarningTable
            data={data}
            loading={warnings.isFetching}
            stored={dashboard?.source === 'stored'}
            onPage={(p, size) => setPaging({ page: p, pageSize: size, key })}
          />
        )}
      </QueryState>
    </Card>
  );
}

/** 预警看板: warnings by class, severity, rule and sub-region as of the chosen date, with drill-down. */
export function WarningsDashboardPage() {
  const user = useUser();
  const { asOf } = useAsOf();
  const [regionCode] = useRegionCode();
  const dashboard = useDashboard(regionCode, asOf);
  const [filter, setFilter] = useDrillFilter();
  const name = dashboard.data?.region.name ?? '';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${name}预警看板（截至 ${asOf}）`}
        extra={
          <Space wrap>
            <RegionPicker />
            {hasPermission(user, ['register.write']) && <ScanButton />}
            {dashboard.isSuccess && (
              <DownloadButton
                path={dashboardExportPath(regionCode, asOf, null)}
                filename={`预警情况-${asOf}.xlsx`}
              >
                导出 Excel
              </DownloadButton>
            )}
          </Space>
        }
      >
        <QueryState query={dashboard} what="预警看板" rows={12}>
          {(data) => <DashboardView dashboard={data} drill={setFilter} />}
        </QueryState>
      </Card>
      {filter && (
        <DrillPanel
          regionCode={regionCode}
          asOf={asOf}
          filter={filter}
          dashboard={dashboard.data}
          onClose={() => setFilter(null)}
        />
      )}
    </Space>
  );
}
