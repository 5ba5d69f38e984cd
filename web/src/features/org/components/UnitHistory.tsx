import { Tag, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { Nothing } from '../../../shared/components/states.tsx';
import type { UnitDetail } from '../org.api.ts';
import { unitHistory } from '../unit-history.ts';

const COLORS = { start: 'green', change: 'blue', end: 'red' } as const;

/** 历史沿革: 设立, each dated change (更名, 升格, 隶属调整 …) and 撤销, with their documents. */
export function UnitHistory({
  detail,
  nameOf,
}: {
  detail: UnitDetail;
  nameOf: (code: string | null) => string;
}) {
  const events = useMemo(() => unitHistory(detail.unit, detail.versions, nameOf), [detail, nameOf]);
  if (events.length === 0) return <Nothing description="无沿革记录" />;
  return (
    <Timeline
      items={events.map((event, i) => ({
        key: i,
        color: COLORS[event.tone],
        title: event.date ?? '日期不详',
        content: (
          <div>
            <Typography.Text strong>{event.title}</Typography.Text>
            {event.date !== null && event.date > detail.asOf && (
              <Tag style={{ marginLeft: 8 }}>截至日期后生效</Tag>
            )}
            {event.documentNo && <Typography.Text type="secondary">（{event.documentNo}）</Typography.Text>}
            {event.details.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
