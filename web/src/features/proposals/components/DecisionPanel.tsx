import { Button, DatePicker, Form, Input, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DecisionOutcome } from '../../../../../src/modules/proposals/proposals.model.ts';
import { type ProposalDetail, useDecide } from '../proposals.api.ts';
import {
  type ChangeValues,
  changeOf,
  DECISION_OUTCOME_LABELS,
  DECISION_OUTCOMES,
  valuesOf,
} from '../proposals-view.ts';
import { ActionError } from './ActionError.tsx';
import { ChangeList } from './ChangeList.tsx';

interface Values {
  outcome: DecisionOutcome;
  meeting: string;
  decidedOn: Dayjs;
  documentNo?: string;
  note?: string;
  changes: ChangeValues[];
}

const DATE = 'YYYY-MM-DD';
const approving = (outcome: DecisionOutcome | undefined) => outcome === 'approved' || outcome === 'amended';

/**
 * 审议决定: the committee's outcome, meeting, date and 文号 (needed to approve); 修改后同意 opens the
 * changes, as proposed, for editing.
 */
export function DecisionForm({ detail }: { detail: ProposalDetail }) {
  const decide = useDecide(detail.proposal.id);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const send = (values: Values) =>
    decide.mutate({
      outcome: values.outcome,
      meeting: values.meeting.trim(),
      decidedOn: values.decidedOn.format(DATE),
      ...(values.documentNo?.trim() ? { documentNo: values.documentNo.trim() } : {}),
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      ...(values.outcome === 'amended' ? { changes: values.changes.map(changeOf) } : {}),
    });
  return (
    <Form<Values>
      form={form}
      name="decision"
      layout="vertical"
      onFinish={send}
      initialValues={{ decidedOn: dayjs(), changes: detail.changes.map((c) => valuesOf(c.payload)) }}
    >
      <Form.Item label="审议结果" name="outcome" rules={[{ required: true, message: '请选择审议结果' }]}>
        <Radio.Group
          options={DECISION_OUTCOMES.map((o) => ({ value: o, label: DECISION_OUTCOME_LABELS[o] }))}
          optionType="button"
          buttonStyle="solid"
        />
      </Form.Item>
      <Form.Item
        label="会议"
        name="meeting"
        rules={[{ required: true, whitespace: true, message: '请填写审议会议' }]}
      >
        <Input placeholder="如 县编委2026年第3次会议" maxLength={200} />
      </Form.Item>
      <Form.Item label="决定日期" name="decidedOn" rules={[{ required: true, message: '请选择决定日期' }]}>
        <DatePicker aria-label="决定日期" allowClear={false} />
      </Form.Item>
      <Form.Item
        label="决定文号"
        name="documentNo"
        rules={
          approving(outcome) ? [{ required: true, whitespace: true, message: '同意的决定须有文号' }] : []
        }
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="说明" name="note">
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      {outcome === 'amended' && (
        <>
          <Typography.Paragraph type="secondary">
            修改后同意：按审议意见修改下列事项，原事项留存备查。
          </Typography.Paragraph>
          <ChangeList />
        </>
      )}
      <Button type="primary" htmlType="submit" loading={decide.isPending} style={{ marginTop: 12 }}>
        记录审议决定
      </Button>
      <ActionError error={decide.error} title="未能记录审议决定" />
    </Form>
  );
}
