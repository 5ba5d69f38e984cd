import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { labelOf, optionsOf, QUOTA_KINDS } from '../../../shared/labels.ts';
import { useCan, useUser } from '../../auth/session.tsx';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';
import { CancelApprovalModal } from '../components/CancelApprovalModal.tsx';
import { GrantApprovalModal } from '../components/GrantApprovalModal.tsx';
import { type ApprovalFilter, type QuotaUseApproval, useApprovals, useUnitNames } from '../flows.api.ts';
import { APPROVAL_STATE_COLORS, APPROVAL_STATE_LABELS, CHANNEL_LABELS } from '../flows-view.ts';

/**
 * 用编核准: each reserves a vacancy from the day granted until the person is seated (已入编), it
 * expires (已过期) or the 编办 cancels it from a date (已撤销); the 编办 grants them from approved plan
 * lines and seats people on them.
 */
export function ApprovalsPage() {
  const user = useUser();
  const canApprove = useCan('flows.approve');
  const [filter, setFilter] = useState<ApprovalFilter>({});
  const [granting, setGranting] = useState(false);
  const [cancelling, setCancelling] = useState<QuotaUseApproval | null>(null);
  const approvals = useApprovals(filter);
  const unitName = useUnitNames();
  const set = (changes: Partial<ApprovalFilter>) => setFilter((current) => ({ ...current, ...changes }));

  return (
    <Card
      title="用编核准"
      extra={
        canApprove && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)}>
            核准用编
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {!user.unitCode && (
          <UnitSelect
            ariaLabel="按单位筛选"
            placeholder="单位"
            style={{ width: 260 }}
            value={filter.unit}
            onChange={(unit) => set({ unit })}
          />
        )}
        <Select
          aria-label="按状态筛选"
          placeholder="状态"
          allowClear
          style={{ width: 120 }}
          options={optionsOf(APPROVAL_STATE_LABELS)}
          value={filter.state}
          onChange={(state: string | undefined) => set({ state })}
        />
      </Space>
      {approvals.isError ? (
        <ErrorResult error={approvals.error} what="用编核准" onRetry={() => void approvals.refetch()} />
      ) : (
        <Table<QuotaUseApproval>
          aria-label="用编核准"
          size="small"
          rowKey="id"
          loading={approvals.isFetching}
          dataSource={approvals.data ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无用编核准' }}
          pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 份`, hideOnSinglePage: true }}
          columns={[
            { title: '核准文号', dataIndex: 'number' },
            { title: '单位', key: 'unit', render: (_, a) => unitName(a.unitCode) },
            { title: '编制类型', dataIndex: 'quotaKind', render: (v: string) => labelOf(QUOTA_KINDS, v) },
            { title: '补充渠道', dataIndex: 'channel', render: (v: string) => labelOf(CHANNEL_LABELS, v) },
            { title: '拟用人员', dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
            {
              title: '状态',
              dataIndex: 'state',
              render: (state: string) => (
                <Tag color={APPROVAL_STATE_COLORS[state] ?? 'default'}>
                  {labelOf(APPROVAL_STATE_LABELS, state)}
                </Tag>
              ),
            },
            { title: '核准日期', dataIndex: 'approvedOn' },
            { title: '有效期至', dataIndex: 'expiresOn' },
            { title: '入编日期', dataIndex: 'usedOn', render: (v: string | null) => v ?? '—' },
            {
              title: '撤销日期',
              key: 'cancelled',
              render: (_: unknown, a: QuotaUseApproval) =>
                a.cancelledOn ? `${a.cancelledOn}（${a.cancelReason ?? ''}）` : '—',
            },
            ...(canApprove
              ? [
                  {
                    title: '操作',
                    key: 'enter',
                    render: (_: unknown, a: QuotaUseApproval) =>
                      a.state === 'reserved' ? (
                        <Space>
                          <Link to={`/flows/enter?approvalId=${a.id}`}>办理入编</Link>
                          <Button type="link" size="small" danger onClick={() => setCancelling(a)}>
                            撤销
                          </Button>
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {granting && <GrantApprovalModal onClose={() => setGranting(false)} />}
      {cancelling && <CancelApprovalModal approval={cancelling} onClose={() => setCancelling(null)} />}
    </Card>
  );
}
