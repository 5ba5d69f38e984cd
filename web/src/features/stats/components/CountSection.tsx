import { Card, Col, Row, Table } from 'antd';
import { useMemo } from 'react';
import { Chart } from '../../../shared/components/Chart.tsx';
import { Nothing } from '../../../shared/components/states.tsx';
import type { Labels } from '../../../shared/labels.ts';
import { barOption, countLabel, orderedCounts, pieOption, total } from '../overview-charts.ts';
import type { CountByKey } from '../stats.api.ts';

/** One count of the overview: a chart beside its table, with the total. */
export function CountSection({
  title,
  rows,
  labels,
  keyTitle,
  chart,
  unit = '个',
}: {
  title: string;
  rows: CountByKey[];
  labels: Labels;
  keyTitle: string;
  chart: 'bar' | 'pie';
  unit?: string;
}) {
  const ordered = useMemo(() => orderedCounts(rows, labels), [rows, labels]);
  const option = useMemo(
    () => (chart === 'bar' ? barOption(ordered, labels, title) : pieOption(ordered, labels, title)),
    [chart, ordered, labels, title],
  );
  return (
    <Card title={`${title}（共 ${total(ordered)} ${unit}）`} size="small">
      {ordered.length === 0 ? (
        <Nothing />
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Chart option={option} label={`${title}图`} height={Math.max(220, ordered.length * 28 + 40)} />
          </Col>
          <Col xs={24} md={10}>
            <Table<CountByKey>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={ordered}
              columns={[
                { title: keyTitle, key: 'key', render: (_, r) => countLabel(labels, r.key) },
                { title: `数量（${unit}）`, dataIndex: 'count', align: 'right' },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
