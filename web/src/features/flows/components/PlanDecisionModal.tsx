import { Alert, Form, Input, InputNumber, Modal, Table } from 'antd';
import { useState } from 'react';
import { labelOf, QUOTA_KINDS } from '../../../shared/labels.ts';
import { type StaffingPlan, type StaffingPlanLine, useAmendPlan, useDecidePlan } from '../flows.api.ts';
import { CHANNEL_LABELS, refusalOf } from '../flows-view.ts';

/** 审批 (approve all or part), 退回 (reject with a note), 调整 (amend an approved plan with a reason and 文号). */
export type PlanTask = 'approve' | 'reject' | 'amend';

const TITLES: Record<PlanTask, string> = {
  approve: '审批用编计划',
  reject: '退回用编计划',
  amend: '调整用编计划',
};
const OK_TEXT: Record<PlanTask, string> = { approve: '批准', reject: '退回', amend: '调整' };

interface Values {
  approved?: Record<string, number>;
  note?: string;
  documentNo?: string;
  reason?: string;
}

function LineInputs({ plan, task }: { plan: StaffingPlan; task: 'approve' | 'amend' }) {
  return (
    <Table<StaffingPlanLine>
      aria-label={`计划 ${plan.id} 核准数`}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={plan.lines}
      style={{ marginBottom: 16 }}
      columns={[
        { title: '编制类型', dataIndex: 'quotaKind', render: (v: string) => labelOf(QUOTA_KINDS, v) },
        { title: '补充渠道', dataIndex: 'channel', render: (v: string) => labelOf(CHANNEL_LABELS, v) },
        { title: '申请', dataIndex: 'requested', align: 'right' },
        ...(task === 'amend'
          ? [{ title: '已核准用编', dataIndex: 'granted' as const, align: 'right' as const }]
          : []),
        {
          title: task === 'amend' ? '调整为' : '核准',
          key: 'approved',
          render: (_, line) => (
            <Form.Item
              name={['approved', String(line.id)]}
              noStyle
              rules={[{ required: true, message: '请填写核准数' }]}
            >
              <InputNumber
                aria-label={`${labelOf(QUOTA_KINDS, line.quotaKind)}${labelOf(CHANNEL_LABELS, line.channel)}核准数`}
                min={task === 'amend' ? line.granted : 0}
                max={task === 'amend' ? 10_000 : line.requested}
                precision={0}
                style={{ width: 100 }}
              />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}

/**
 * The 编办's decision on a plan. Approval is checked by the server against the unit's vacancy of each
 * kind; its refusal (空编 N 名…不能核准 M 名) shows here as it came.
 */
export function PlanDecisionModal({
  plan,
  task,
  onClose,
  onDone,
}: {
  plan: StaffingPlan;
  task: PlanTask;
  onClose: () => void;
  onDone: (plan: StaffingPlan) => void;
}) {
  const [form] = Form.useForm<Values>();
  const decide = useDecidePlan(plan.id);
  const amend = useAmendPlan(plan.id);
  const [error, setError] = useState<string | null>(null);
  const pending = decide.isPending || amend.isPending;

  const linesOf = (values: Values) =>
    plan.lines.map((line) => ({ id: line.id, approved: values.approved?.[String(line.id)] ?? 0 }));
  const handlers = {
    onSuccess: onDone,
    onError: (e: unknown) => setError(refusalOf(e).message),
  };
  const submit = (values: Values) => {
    setError(null);
    if (task === 'amend')
      amend.mutate(
        { lines: linesOf(values), reason: values.reason!.trim(), documentNo: values.documentNo!.trim() },
        handlers,
      );
    else
      decide.mutate(
        {
          approve: task === 'approve',
          ...(task === 'approve' ? { lines: linesOf(values) } : {}),
          note: values.note?.trim() || undefined,
          documentNo: values.documentNo?.trim() || undefined,
        },
        handlers,
      );
  };

  const initialApproved = Object.fromEntries(
    plan.lines.map((line) => [String(line.id), task === 'amend' ? (line.approved ?? 0) : line.requested]),
  );

  return (
    <Modal
      open
      title={`${TITLES[task]}（计划 ${plan.id}）`}
      okText={OK_TEXT[task]}
      okButtonProps={{ danger: task === 'reject' }}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          approved: initialApproved,
          documentNo: task === 'amend' ? undefined : plan.documentNo,
        }}
        onFinish={submit}
      >
        {task !== 'reject' && <LineInputs plan={plan} task={task} />}
        {task === 'amend' ? (
          <Form.Item
            label="调整理由"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请说明调整理由' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : (
          <Form.Item
            label={task === 'reject' ? '退回理由' : '审批意见'}
            name="note"
            rules={task === 'reject' ? [{ required: true, whitespace: true, message: '请说明退回理由' }] : []}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        {task !== 'reject' && (
          <Form.Item
            label={task === 'amend' ? '调整文号' : '批准文号'}
            name="documentNo"
            rules={task === 'amend' ? [{ required: true, whitespace: true, message: '请填写调整文号' }] : []}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
