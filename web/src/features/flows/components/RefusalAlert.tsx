import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { Override } from '../flows.api.ts';
import type { Refusal } from '../flows-view.ts';

/** A refused transaction: the server's Chinese explanation, in full, where the clerk cannot miss it. */
export function RefusalAlert({ refusal }: { refusal: Refusal }) {
  return (
    <Alert
      type="error"
      showIcon
      title={refusal.rules.length > 0 ? '不予办理（事前预防）' : '未能办理'}
      description={<Typography.Text data-testid="refusal-message">{refusal.message}</Typography.Text>}
    />
  );
}

/**
 * 越权办理: after a refusal by the rules, a user with the override permission lets it through with a
 * reason and the document it rests on; the server registers it as a finding of the unit.
 */
export function OverrideSection({
  pending,
  onSubmit,
}: {
  pending: boolean;
  onSubmit: (override: Override) => void;
}) {
  const [form] = Form.useForm<Override>();
  return (
    <Card size="small" title="越权办理" style={{ borderColor: '#ffccc7' }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          确需办理的，说明理由并填写依据文件文号后放行；放行后自动登记为该单位的问题，纳入问题台账。
        </Typography.Text>
        <Form<Override>
          form={form}
          name="override"
          layout="vertical"
          onFinish={(values) =>
            onSubmit({ reason: values.reason.trim(), documentNo: values.documentNo.trim() })
          }
        >
          <Form.Item
            label="越权办理理由"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请说明越权办理的理由' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item
            label="依据文件文号"
            name="documentNo"
            rules={[{ required: true, whitespace: true, message: '请填写依据文件文号' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Button danger htmlType="submit" loading={pending}>
            越权办理（登记为问题）
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
