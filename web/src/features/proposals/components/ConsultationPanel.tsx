import { Button, Form, Input, List, Select, Space, Typography } from 'antd';
import { DEPARTMENTS, labelOf, optionsOf } from '../../../shared/labels.ts';
import { type Consultation, useConsult } from '../proposals.api.ts';
import { ActionError } from './ActionError.tsx';

/** 征求意见: each department's opinion, and (for the 编办) a form to record another. */
export function ConsultationPanel({
  proposalId,
  consultations,
  canRecord,
}: {
  proposalId: number;
  consultations: Consultation[];
  canRecord: boolean;
}) {
  const consult = useConsult(proposalId);
  const [form] = Form.useForm<{ department: string; opinion: string }>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        aria-label="部门意见"
        dataSource={consultations}
        locale={{ emptyText: '尚未征求部门意见' }}
        renderItem={(c) => (
          <List.Item>
            <Typography.Text strong>{labelOf(DEPARTMENTS, c.department)}</Typography.Text>：{c.opinion}
            <Typography.Text type="secondary">
              {' '}
              （{c.recordedOn} · {c.actor}）
            </Typography.Text>
          </List.Item>
        )}
      />
      {canRecord && (
        <Form
          form={form}
          name="consultation"
          layout="inline"
          onFinish={(values) =>
            consult.mutate(
              { department: values.department, opinion: values.opinion.trim() },
              { onSuccess: () => form.resetFields() },
            )
          }
        >
          <Form.Item name="department" rules={[{ required: true, message: '请选择部门' }]}>
            <Select
              aria-label="征求意见部门"
              placeholder="部门"
              options={optionsOf(DEPARTMENTS)}
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item name="opinion" rules={[{ required: true, whitespace: true, message: '请填写部门意见' }]}>
            <Input aria-label="部门意见" placeholder="部门意见" maxLength={5000} style={{ width: 320 }} />
          </Form.Item>
          <Button htmlType="submit" loading={consult.isPending}>
            记录意见
          </Button>
        </Form>
      )}
      <ActionError error={consult.error} title="未能记录部门意见" />
    </Space>
  );
}
