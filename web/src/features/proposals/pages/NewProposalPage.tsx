import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useNavigate } from 'react-router';
import { Forbidden } from '../../../shared/components/states.tsx';
import { useCan, useUser } from '../../auth/session.tsx';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';
import { ChangeList } from '../components/ChangeList.tsx';
import { useSubmitProposal } from '../proposals.api.ts';
import { type ChangeValues, changeOf } from '../proposals-view.ts';

interface Values {
  title: string;
  reason: string;
  sponsorUnitCode?: string;
  changes: ChangeValues[];
}

/** 提出动议: what changes and why; a unit's liaison moves it for their own unit. */
export function NewProposalPage() {
  const user = useUser();
  const may = useCan('proposals.submit');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = useSubmitProposal();
  const [form] = Form.useForm<Values>();
  if (!may) return <Forbidden />;
  const liaison = !!user.unitCode;

  const send = (values: Values) =>
    submit.mutate(
      {
        title: values.title.trim(),
        reason: values.reason.trim(),
        ...(values.sponsorUnitCode ? { sponsorUnitCode: values.sponsorUnitCode } : {}),
        changes: values.changes.map(changeOf),
      },
      {
        onSuccess: (detail) => {
          void message.success(`已提出动议 ${detail.proposal.number}`);
          void navigate(`/proposals/${detail.proposal.id}`);
        },
      },
    );

  return (
    <Card title="提出动议">
      <Form<Values>
        form={form}
        name="proposal"
        layout="vertical"
        onFinish={send}
        initialValues={{ sponsorUnitCode: user.unitCode ?? undefined, changes: [{}] }}
        style={{ maxWidth: 960 }}
      >
        <Form.Item
          label="事项名称"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请填写动议事项名称' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label="动议理由"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请说明动议理由' }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          label="提出单位"
          name="sponsorUnitCode"
          extra={liaison ? '单位联络员须以本单位名义提出' : '不填为编办提出'}
          rules={liaison ? [{ required: true, message: '请选择提出单位' }] : []}
        >
          <UnitSelect ariaLabel="提出单位" />
        </Form.Item>
        <ChangeList />
        {submit.isError && (
          <Alert
            type="error"
            showIcon
            title="未能提出动议"
            description={submit.error.message}
            style={{ marginTop: 16 }}
          />
        )}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            提交动议
          </Button>
          <Button onClick={() => void navigate('/proposals')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
