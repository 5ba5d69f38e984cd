import { Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';
import { SEVERITY_TAGS } from '../dashboard-charts.ts';
import type { DrillPage, DrillWarning } from '../warnings.api.ts';
import { WarningActions } from './WarningActions.tsx';

/** Who or what a warning is about: the unit and the person, each a link to their page. */
function Subject({ warning }: { warning: DrillWarning }) {
  const { link } = useAsOf();
  return (
    <Space orientation="vertical" size={0}>
      {warning.unitCode ? (
        <Link to={link(`/org/units/${encodeURIComponent(warning.unitCode)}`)}>
          {warning.unitName ?? warning.unitCode}
        </Link>
      ) : (
        <span>{warning.regionName ?? warning.regionCode}</span>
      )}
      {warning.personId !== null ? (
        <Link to={link(`/roster/persons/${warning.personId}`)}>
          {warning.personName} {warning.idNumber}
        </Link>
      ) : (
        warning.idNumber && <Typography.Text type="secondary">{warning.idNumber}</Typography.Text>
      )}
    </Space>
  );
}

/** The warnings behind a count, with the figures that triggered them; paged by the server. */
export function WarningTable({
  data,
  loading,
  stored,
  onPage,
}: {
  data: DrillPage;
  loading: boolean;
  /** The stored warnings (as of today), which have first and last sightings. */
  stored: boolean;
  onPage: (page: number, pageSize: number) => void;
}) {
  return (
    <Table<DrillWarning>
      size="small"
      aria-label="预警明细"
      rowKey={(w) => `${w.rule}|${w.unitCode ?? ''}|${w.regionCode}|${w.idNumber ?? ''}|${w.message}`}
      dataSource={data.items}
      loading={loading}
      locale={{ emptyText: '没有预警' }}
      pagination={{
        current: data.page,
        pageSize: data.pageSize,
        total: data.total,
        showSizeChanger: true,
        showTotal: (total) => `共 ${total} 条`,
        onChange: onPage,
      }}
      columns={[
        { title: '规则', dataIndex: 'ruleName', width: 150 },
        {
          title: '严重程度',
          dataIndex: 'severity',
          width: 90,
          render: (s: string) => <Tag color={SEVERITY_TAGS[s]}>{s}</Tag>,
        },
        { title: '单位 / 人员', key: 'subject', width: 260, render: (_, w) => <Subject warning={w} /> },
        { title: '区划', key: 'region', width: 110, render: (_, w) => w.regionName ?? w.regionCode },
        { title: '预警内容', dataIndex: 'message' },
        {
          title: '触发数据',
          key: 'figures',
          width: 220,
          render: (_, w) => (
            <Space orientation="vertical" size={0}>
              {w.figures.map((f) => (
                <span key={f.key}>
                  {f.label}：{f.value}
                </span>
              ))}
            </Space>
          ),
        },
        ...(stored
          ? [
              { title: '首次发现', dataIndex: 'firstSeenOn', width: 110 },
              { title: '最近发现', dataIndex: 'lastSeenOn', width: 110 },
            ]
          : []),
        { title: '操作', key: 'actions', width: 120, render: (_, w) => <WarningActions warning={w} /> },
      ]}
    />
  );
}
