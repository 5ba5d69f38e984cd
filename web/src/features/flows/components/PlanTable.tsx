import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { labelOf, QUOTA_KINDS } from '../../../shared/labels.ts';
import type { StaffingPlan, StaffingPlanLine } from '../flows.api.ts';
import {
  CHANNEL_LABELS,
  PLAN_STATE_COLORS,
  PLAN_STATE_LABELS,
  planTotals,
  remainingOf,
} from '../flows-view.ts';
import type { PlanTask } from './PlanDecisionModal.tsx';

export interface PlanActions {
  /** The tasks the user may take (flows.approve); none for the others. */
  decide?: ((plan: StaffingPlan, task: PlanTask) => void) | undefined;
  grant?: ((line: StaffingPlanLine) => void) | undefined;
}

function PlanLines({ plan, actions }: { plan: StaffingPlan; actions: PlanActions }) {
  const grantable = plan.state === 'approved' && actions.grant !== undefined;
  return (
    <Table<StaffingPlanLine>
      aria-label={`计划 ${plan.id} 明细`}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={plan.lines}
      columns={[
        { title: '编制类型', dataIndex: 'quotaKind', render: (v: string) => labelOf(QUOTA_KINDS, v) },
        { title: '补充渠道', dataIndex: 'channel', render: (v: string) => labelOf(CHANNEL_LABELS, v) },
        { title: '申请', dataIndex: 'requested', align: 'right' },
        { title: '核准', dataIndex: 'approved', align: 'right', render: (v: number | null) => v ?? '—' },
        { title: '已核准用编', dataIndex: 'granted', align: 'right' },
        { title: '已入编', dataIndex: 'used', align: 'right' },
        ...(grantable
          ? [
              {
                title: '操作',
                key: 'grant',
                render: (_: unknown, line: StaffingPlanLine) =>
                  remainingOf(line) > 0 ? (
                    <Button size="small" onClick={() => actions.grant!(line)}>
                      核准用编
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

/** 用编计划 with their lines open below each (申请/核准/已核准用编/已入编) and the 编办's actions. */
export function PlanTable({
  plans,
  loading,
  unitName,
  actions,
}: {
  plans: StaffingPlan[];
  loading: boolean;
  unitName: (code: string) => string;
  actions: PlanActions;
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number, expanded: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Table<StaffingPlan>
      aria-label="用编计划"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={plans}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '暂无用编计划' }}
      pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 份计划`, hideOnSinglePage: true }}
      expandable={{
        expandedRowKeys: plans.filter((p) => !collapsed.has(p.id)).map((p) => p.id),
        onExpand: (expanded, plan) => toggle(plan.id, expanded),
        expandedRowRender: (plan) => <PlanLines plan={plan} actions={actions} />,
      }}
      columns={[
        { title: '计划', dataIndex: 'id', render: (id: number) => `#${id}` },
        { title: '单位', key: 'unit', render: (_, p) => unitName(p.unitCode) },
        { title: '年度', dataIndex: 'year' },
        {
          title: '状态',
          dataIndex: 'state',
          render: (state: string) => (
            <Tag color={PLAN_STATE_COLORS[state] ?? 'default'}>{labelOf(PLAN_STATE_LABELS, state)}</Tag>
          ),
        },
        {
          title: '申请/核准',
          key: 'totals',
          render: (_, p) => {
            const totals = planTotals(p);
            return p.state === 'submitted'
              ? `${totals.requested} / —`
              : `${totals.requested} / ${totals.approved}`;
          },
        },
        {
          title: '用编理由',
          dataIndex: 'reason',
          render: (reason: string) => (
            <Typography.Text ellipsis={{ tooltip: reason }} style={{ maxWidth: 240 }}>
              {reason}
            </Typography.Text>
          ),
        },
        {
          title: '批准文号',
          key: 'documentNo',
          render: (_, p) => p.documentNo ?? (p.decisionNote ? `（${p.decisionNote}）` : '—'),
        },
        ...(actions.decide
          ? [
              {
                title: '操作',
                key: 'actions',
                render: (_: unknown, plan: StaffingPlan) => (
                  <Space size={4}>
                    {plan.state === 'submitted' && (
                      <>
                        <Button size="small" type="primary" onClick={() => actions.decide!(plan, 'approve')}>
                          审批
                        </Button>
                        <Button size="small" danger onClick={() => actions.decide!(plan, 'reject')}>
                          退回
                        </Button>
                      </>
                    )}
                    {plan.state === 'approved' && (
                      <Button size="small" onClick={() => actions.decide!(plan, 'amend')}>
                        调整
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
