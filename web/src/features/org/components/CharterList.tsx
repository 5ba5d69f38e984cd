import { Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { Nothing, QueryState } from '../../../shared/components/states.tsx';
import { POST_LEVELS, QUOTA_KINDS } from '../../../shared/labels.ts';
import { type Charter, type Duty, useUnitDuties } from '../org.api.ts';

const figures = (values: Record<string, number>, labels: Record<string, string>) =>
  Object.entries(values)
    .map(([key, n]) => `${labels[key] ?? key} ${n} 名`)
    .join('，') || '—';

/** 三定规定, newest first: each version's functions, divisions, and the quota and posts it set. */
export function CharterList({ charters }: { charters: Charter[] }) {
  if (charters.length === 0) return <Nothing description="无三定规定记录" />;
  return (
    <List
      dataSource={[...charters].reverse()}
      renderItem={(charter, index) => (
        <List.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>
                {charter.issuedOn} 印发{charter.documentNo ? `（${charter.documentNo}）` : ''}
              </Typography.Text>
              {index === 0 && <Tag color="blue">现行</Tag>}
              {charter.proposalId !== null && (
                <Link to={`/proposals/${charter.proposalId}`}>依据的动议事项</Link>
              )}
            </Space>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="主要职责">
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {charter.functions ?? '（未录入）'}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label="内设机构">
                {charter.divisions?.length ? charter.divisions.join('、') : '（未录入）'}
              </Descriptions.Item>
              <Descriptions.Item label="编制">{figures(charter.quota, QUOTA_KINDS)}</Descriptions.Item>
              <Descriptions.Item label="领导职数">{figures(charter.posts, POST_LEVELS)}</Descriptions.Item>
            </Descriptions>
          </Space>
        </List.Item>
      )}
    />
  );
}

const ORIGIN: Record<string, string> = { move: '划入', devolve: '下放' };

/** 权责清单 on the date: each duty with its category, basis and where it came from. */
export function DutyList({ code, asOf }: { code: string; asOf: string }) {
  const duties = useUnitDuties(code, asOf);
  return (
    <QueryState query={duties}>
      {(data) =>
        data.duties.length === 0 ? (
          <Nothing description="无权责事项记录" />
        ) : (
          <Table<Duty>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.duties}
            columns={[
              { title: '类别', dataIndex: 'category', width: 120 },
              { title: '事项名称', dataIndex: 'name' },
              { title: '设定依据', dataIndex: 'basis', render: (basis: string | null) => basis ?? '—' },
              { title: '起始日期', dataIndex: 'validFrom', width: 120 },
              {
                title: '来源',
                width: 160,
                render: (_, duty) =>
                  duty.originUnitCode
                    ? `自 ${duty.originUnitCode} ${ORIGIN[duty.originAction ?? ''] ?? '划入'}`
                    : '新增',
              },
            ]}
          />
        )
      }
    </QueryState>
  );
}
