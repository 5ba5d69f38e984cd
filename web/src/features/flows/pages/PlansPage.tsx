import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { todayInChina } from '../../../shared/as-of.ts';
import { optionsOf } from '../../../shared/labels.ts';
import { useCan, useUser } from '../../auth/session.tsx';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';
import { ApplyPlanModal } from '../components/ApplyPlanModal.tsx';
import { GrantApprovalModal } from '../components/GrantApprovalModal.tsx';
import { PlanDecisionModal, type PlanTask } from '../components/PlanDecisionModal.tsx';
import { PlanTable } from '../components/PlanTable.tsx';
import { type PlanFilter, type StaffingPlan, usePlans, useUnitNames } from '../flows.api.ts';
import { PLAN_STATE_LABELS } from '../flows-view.ts';

const DONE: Record<PlanTask, string> = { approve: '已批准', reject: '已退回', amend: '已调整' };

/**
 * 用编计划: the plans of the units the user may see, filtered by unit, year and state; a unit (or the
 * 编办 for it) applies, the 编办 approves all or part within the vacancy, returns it, or amends an
 * approved plan, and grants 用编核准 from its lines.
 */
export function PlansPage() {
  const user = useUser();
  const canApply = useCan('flows.apply');
  const canApprove = useCan('flows.approve');
  const { message } = App.useApp();
  const [filter, setFilter] = useState<PlanFilter>({ year: Number(todayInChina().slice(0, 4)) });
  const [applying, setApplying] = useState(false);
  const [deciding, setDeciding] = useState<{ plan: StaffingPlan; task: PlanTask } | null>(null);
  const [granting, setGranting] = useState<{ planLineId: number } | null>(null);
  const plans = usePlans(filter);
  const unitName = useUnitNames();
  const set = (changes: Partial<PlanFilter>) => setFilter((current) => ({ ...current, ...changes }));

  return (
    <Card
      title="用编计划"
      extra={
        canApply && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)}>
            申报用编计划
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
        <InputNumber
          aria-label="按年度筛选"
          placeholder="年度"
          min={2000}
          max={2100}
          precision={0}
          style={{ width: 120 }}
          value={filter.year ?? null}
          onChange={(year) => set({ year: year ?? undefined })}
        />
        <Select
          aria-label="按状态筛选"
          placeholder="状态"
          allowClear
          style={{ width: 120 }}
          options={optionsOf(PLAN_STATE_LABELS)}
          value={filter.state}
          onChange={(state: string | undefined) => set({ state })}
        />
      </Space>
      {plans.isError ? (
        <ErrorResult error={plans.error} what="用编计划" onRetry={() => void plans.refetch()} />
      ) : (
        <PlanTable
          plans={plans.data ?? []}
          loading={plans.isFetching}
          unitName={unitName}
          actions={
            canApprove
              ? {
                  decide: (plan, task) => setDeciding({ plan, task }),
                  grant: (line) => setGranting({ planLineId: line.id }),
                }
              : {}
          }
        />
      )}
      <ApplyPlanModal
        open={applying}
        onClose={() => setApplying(false)}
        onApplied={(plan) => {
          setApplying(false);
          void message.success(`已申报 ${unitName(plan.unitCode)} ${plan.year} 年度用编计划，待编办审批`);
        }}
      />
      {deciding && (
        <PlanDecisionModal
          plan={deciding.plan}
          task={deciding.task}
          onClose={() => setDeciding(null)}
          onDone={(plan) => {
            void message.success(`用编计划 #${plan.id} ${DONE[deciding.task]}`);
            setDeciding(null);
          }}
        />
      )}
      {granting && <GrantApprovalModal planLineId={granting.planLineId} onClose={() => setGranting(null)} />}
    </Card>
  );
}
