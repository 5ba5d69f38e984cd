import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../auth/session.tsx';
import { ErrorResult, Loading } from '../../../shared/components/states.tsx';
import {
  type RuleSetting,
  type RuleView,
  sourceText,
  useClearRuleSetting,
  useRuleSettings,
  useSetRuleSetting,
} from '../rules.api.ts';

const SEVERITY_COLORS: Record<string, string> = { 违规: 'red', 风险: 'orange', 提示: 'blue' };
const SOURCE_COLORS: Record<string, string> = { own: 'green', inherited: 'geekblue', default: 'default' };

interface Editing {
  rule: RuleView;
  setting: RuleSetting;
}

function EditSetting({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useSetRuleSetting();
  const [form] = Form.useForm<{ value: number }>();
  const { rule, setting } = editing;
  return (
    <Modal
      open
      title={`设置阈值：${rule.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(({ value }) =>
          save.mutate(
            { rule: rule.code, key: setting.key, value },
            {
              onSuccess: () => (onClose(), void message.success('已保存，下次扫描起按新阈值预警')),
              onError: (error) => void message.error(error.message),
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ value: setting.value }}>
        <Form.Item
          name="value"
          label={setting.label}
          extra={`默认 ${setting.default}；允许 ${setting.min} 至 ${setting.max}。本区划的设置同样适用于未单独设置的下级区划。`}
          rules={[{ required: true, message: '请输入阈值' }]}
        >
          <InputNumber min={setting.min} max={setting.max} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 预警规则: the 17 rules, and the thresholds of the caller's region with where each comes from. */
export function RulesPage() {
  const { message } = App.useApp();
  const settings = useRuleSettings();
  const clear = useClearRuleSetting();
  const canWrite = useCan('register.write');
  const [editing, setEditing] = useState<Editing | null>(null);
  if (settings.isPending) return <Loading rows={8} />;
  if (settings.isError)
    return <ErrorResult error={settings.error} what="预警规则" onRetry={() => void settings.refetch()} />;
  const { regionName, regionCode, rules } = settings.data;

  const settingCell = (rule: RuleView) =>
    rule.settings.length === 0 ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Space orientation="vertical" size={4}>
        {rule.settings.map((setting) => (
          <Space key={setting.key} wrap data-testid={`setting-${rule.code}-${setting.key}`}>
            <span>
              {setting.label}：<strong>{setting.value}</strong>
            </span>
            <Tag color={SOURCE_COLORS[setting.source]}>{sourceText(setting)}</Tag>
            {setting.source !== 'default' && setting.value !== setting.default && (
              <Typography.Text type="secondary">默认 {setting.default}</Typography.Text>
            )}
            {canWrite && (
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={`修改${rule.name}的${setting.label}`}
                onClick={() => setEditing({ rule, setting })}
              >
                修改
              </Button>
            )}
            {canWrite && setting.source === 'own' && (
              <Button
                size="small"
                icon={<UndoOutlined />}
                loading={clear.isPending}
                aria-label={`取消${rule.name}的本区划设置`}
                onClick={() =>
                  clear.mutate(
                    { rule: rule.code, key: setting.key },
                    {
                      onSuccess: () => void message.success('已取消本区划设置'),
                      onError: (error) => void message.error(error.message),
                    },
                  )
                }
              >
                恢复上级或默认
              </Button>
            )}
          </Space>
        ))}
      </Space>
    );

  return (
    <Card title={`预警规则（${regionName} ${regionCode}）`}>
      <Typography.Paragraph type="secondary">
        平台按以下规则扫描预警。带阈值的规则可按区划设置：未单独设置的区划沿用最近上级区划的设置，都未设置时用默认值。
      </Typography.Paragraph>
      <Table<RuleView>
        rowKey="code"
        size="middle"
        pagination={false}
        dataSource={rules}
        columns={[
          { title: '类别', dataIndex: 'class', width: 120 },
          { title: '规则', dataIndex: 'name', width: 200 },
          {
            title: '代码',
            dataIndex: 'code',
            width: 220,
            render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
          },
          {
            title: '严重程度',
            dataIndex: 'severity',
            width: 100,
            render: (severity: string) => <Tag color={SEVERITY_COLORS[severity]}>{severity}</Tag>,
          },
          { title: '阈值设置', key: 'settings', render: (_: unknown, rule) => settingCell(rule) },
        ]}
      />
      {editing && <EditSetting editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
