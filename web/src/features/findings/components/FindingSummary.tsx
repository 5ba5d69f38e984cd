import { Card, Col, Row, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { Chart } from '../../../shared/components/Chart.tsx';
import { QueryState } from '../../../shared/components/states.tsx';
import { type FindingSummary as Summary, type UnitCount, useFindingSummary } from '../findings.api.ts';
import { monthOption, stateCounts, topOpenUnits } from '../findings-view.ts';

function Counts({ summary }: { summary: Summary }) {
  const items = [
    { key: 'total', title: '问题总数', value: summary.total, danger: false },
    ...stateCounts(summary.byState).map((s) => ({
      key: s.state,
      title: s.label,
      value: s.count,
      danger: false,
    })),
    { key: 'overdue', title: '已逾期', value: summary.overdue, danger: summary.overdue > 0 },
  ];
  return (
    <Row gutter={[16, 16]} role="list" aria-label="问题按状态计数">
      {items.map((item) => (
        <Col key={item.key} xs={12} md={6} xl={3} role="listitem">
          <Statistic
            title={item.title}
            value={item.value}
            suffix="个"
            styles={item.danger ? { content: { color: '#cf1322' } } : undefined}
          />
        </Col>
      ))}
    </Row>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  const option = useMemo(() => monthOption(summary.byMonth), [summary.byMonth]);
  const units = useMemo(() => topOpenUnits(summary.byUnit), [summary.byUnit]);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Counts summary={summary} />
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title="按月登记与销号">
          <Chart option={option} label="问题按月登记与销号图" height={240} />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title="未销号问题最多的单位">
          <Table<UnitCount>
            aria-label="未销号问题最多的单位"
            size="small"
            rowKey="unitCode"
            pagination={false}
            dataSource={units}
            locale={{ emptyText: '暂无未销号问题' }}
            columns={[
              { title: '单位', key: 'unit', render: (_, u) => u.unitName ?? u.unitCode },
              { title: '未销号', dataIndex: 'open', align: 'right' },
              { title: '已销号', dataIndex: 'closed', align: 'right' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** The counts on top of the ledger: by state, by month (chart), the units with most open findings. */
export function FindingSummary() {
  const summary = useFindingSummary();
  return (
    <QueryState query={summary} what="问题台账统计" rows={4}>
      {(data) => <SummaryView summary={data} />}
    </QueryState>
  );
}
