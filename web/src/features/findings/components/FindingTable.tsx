import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { Finding } from '../findings.api.ts';
import { FINDING_SOURCE_LABELS } from '../findings-view.ts';
import { SeverityTag, StateTag } from './StateTag.tsx';

/** The ledger's rows; with `selection`, findings can be ticked for a 整改通知书. */
export function FindingTable({
  findings,
  total,
  page,
  pageSize,
  loading,
  onPage,
  selection,
}: {
  findings: Finding[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  selection?: { selected: Finding[]; onChange: (selected: Finding[]) => void } | undefined;
}) {
  return (
    <Table<Finding>
      aria-label="问题台账"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={findings}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '暂无问题' }}
      rowSelection={
        selection && {
          selectedRowKeys: selection.selected.map((f) => f.id),
          preserveSelectedRowKeys: true,
          onChange: (_, rows) => selection.onChange(rows),
          getCheckboxProps: (f) => ({ disabled: f.state === 'closed', 'aria-label': `选择 ${f.number}` }),
        }
      }
      pagination={{
        current: page,
        pageSize,
        total,
        showTotal: (count) => `共 ${count} 个问题`,
        onChange: (next, size) => onPage(size === pageSize ? next : 1, size),
      }}
      columns={[
        {
          title: '编号',
          key: 'number',
          render: (_, f) => <Link to={`/findings/${f.id}`}>{f.number}</Link>,
        },
        { title: '单位', key: 'unit', render: (_, f) => f.unitName ?? f.unitCode ?? '—' },
        { title: '来源', key: 'source', render: (_, f) => FINDING_SOURCE_LABELS[f.source] ?? f.source },
        { title: '问题类别', dataIndex: 'category' },
        { title: '严重程度', key: 'severity', render: (_, f) => <SeverityTag severity={f.severity} /> },
        { title: '状态', key: 'state', render: (_, f) => <StateTag state={f.state} /> },
        {
          title: '整改期限',
          key: 'deadline',
          render: (_, f) =>
            f.overdue ? (
              <Typography.Text type="danger" strong>
                {f.deadline}（已逾期）
              </Typography.Text>
            ) : (
              f.deadline
            ),
        },
        { title: '责任人', key: 'responsible', render: (_, f) => f.responsibleName ?? '—' },
        { title: '登记日期', dataIndex: 'registeredOn' },
      ]}
    />
  );
}
