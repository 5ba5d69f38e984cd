import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { todayInChina } from '../../../shared/as-of.ts';
import { optionsOf, QUOTA_KINDS } from '../../../shared/labels.ts';
import { useUser } from '../../auth/session.tsx';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';
import { type StaffingPlan, useApplyPlan, useUnitFigures } from '../flows.api.ts';
import { CHANNEL_LABELS, refusalOf } from '../flows-view.ts';

interface LineValues {
  quotaKind?: string;
  channel?: string;
  requested?: number;
  reason?: string;
}

interface Values {
  unitCode?: string;
  year: number;
  reason?: string;
  lines: LineValues[];
}

/** The quota kinds, each with the chosen unit's vacancy today (空编) beside it when the unit has that kind. */
function useKindOptions(unitCode: string | undefined) {
  const figures = useUnitFigures(unitCode).data?.quotaFigures ?? [];
  return optionsOf(QUOTA_KINDS).map((option) => {
    const figure = figures.find((f) => f.kind === option.value);
    return figure ? { ...option, label: `${option.label}（空编 ${figure.vacancy}）` } : option;
  });
}

/** 申报用编计划: a unit's hires for a year by quota kind and channel, with the reasons. */
export function ApplyPlanModal({
  open,
  onClose,
  onApplied,
}: {
  open: boolean;
  onClose: () => void;
  onApplied: (plan: StaffingPlan) => void;
}) {
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const unitCode = Form.useWatch('unitCode', form);
  const kindOptions = useKindOptions(unitCode);
  const apply = useApplyPlan();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    apply.mutate(
      {
        unitCode: values.unitCode!,
        year: values.year,
        reason: values.reason!.trim(),
        lines: values.lines.map((line) => ({
          quotaKind: line.quotaKind!,
          channel: line.channel!,
          requested: line.requested!,
          reason: line.reason?.trim() || undefined,
        })),
      },
      { onSuccess: onApplied, onError: (e) => setError(refusalOf(e).message) },
    );
  };

  return (
    <Modal
      open={open}
      title="申报用编计划"
      okText="申报"
      confirmLoading={apply.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(null)}
      destroyOnHidden
      width={760}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          unitCode: user.unitCode ?? undefined,
          year: Number(todayInChina().slice(0, 4)),
          lines: [{ channel: 'exam', requested: 1 }],
        }}
        onFinish={submit}
      >
        <Space align="start" wrap>
          <Form.Item label="申报单位" name="unitCode" rules={[{ required: true, message: '请选择申报单位' }]}>
            <UnitSelect ariaLabel="申报单位" style={{ width: 360 }} />
          </Form.Item>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber aria-label="年度" min={2000} max={2100} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item
          label="用编理由"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请说明用编理由' }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List
          name="lines"
          rules={[
            {
              validator: (_, lines: unknown[]) =>
                lines.length > 0 ? Promise.resolve() : Promise.reject(new Error('至少申报一项')),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'quotaKind']}
                    rules={[{ required: true, message: '请选择编制类型' }]}
                  >
                    <Select
                      aria-label={`第 ${index + 1} 项编制类型`}
                      placeholder="编制类型"
                      options={kindOptions}
                      style={{ width: 220 }}
                      popupMatchSelectWidth={false}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'channel']}
                    rules={[{ required: true, message: '请选择补充渠道' }]}
                  >
                    <Select
                      aria-label={`第 ${index + 1} 项补充渠道`}
                      placeholder="补充渠道"
                      options={optionsOf(CHANNEL_LABELS)}
                      style={{ width: 130 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'requested']}
                    rules={[{ required: true, message: '请填写人数' }]}
                  >
                    <InputNumber
                      aria-label={`第 ${index + 1} 项申请数`}
                      min={1}
                      max={10_000}
                      precision={0}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'reason']}>
                    <Input aria-label={`第 ${index + 1} 项说明`} placeholder="说明（可选）" maxLength={500} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除第 ${index + 1} 项`}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ channel: 'exam', requested: 1 })}
              >
                增加一项
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
    </Modal>
  );
}
