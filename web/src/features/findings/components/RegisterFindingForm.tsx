import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { FindingSeverity, FindingSource } from '../../../../../src/modules/findings/findings.model.ts';
import { type Finding, useRegisterFinding } from '../findings.api.ts';
import { DEADLINE_DAYS, SEVERITY_OPTIONS, SOURCE_OPTIONS } from '../findings-view.ts';
import { UnitSelect } from '../../org/components/UnitSelect.tsx';
import { WarningPicker } from './WarningPicker.tsx';

interface Values {
  source: FindingSource;
  warningId?: number;
  unitCode?: string;
  category?: string;
  severity?: FindingSeverity;
  description?: string;
  sourceRef?: string;
  deadline?: Dayjs | null;
}

const DEFAULT_DEADLINES = Object.entries(DEADLINE_DAYS)
  .map(([severity, days]) => `${severity}${days}日`)
  .join('、');

/** 挂号建账: a finding from an open warning, or from an inspection, evaluation, department, 巡察 or by hand. */
export function RegisterFindingForm({
  open,
  warningId,
  onClose,
  onRegistered,
}: {
  open: boolean;
  /** Preset from `/findings/new?warningId=N`. */
  warningId?: number | undefined;
  onClose: () => void;
  onRegistered: (finding: Finding) => void;
}) {
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch('source', form) ?? 'warning';
  const register = useRegisterFinding();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    const input =
      values.source === 'warning'
        ? { source: 'warning' as const, warningId: values.warningId! }
        : {
            source: values.source,
            unitCode: values.unitCode!,
            category: values.category!.trim(),
            severity: values.severity!,
            description: values.description!.trim(),
            sourceRef: values.sourceRef?.trim() || undefined,
            deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : undefined,
          };
    register.mutate(input, {
      onSuccess: onRegistered,
      onError: (e) => setError(e instanceof Error ? e.message : '登记失败'),
    });
  };

  return (
    <Modal
      open={open}
      title="登记问题（挂号建账）"
      okText="登记"
      confirmLoading={register.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(null)}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ source: 'warning', warningId }}
        onFinish={submit}
      >
        <Form.Item label="问题来源" name="source" rules={[{ required: true, message: '请选择问题来源' }]}>
          <Select options={SOURCE_OPTIONS} aria-label="问题来源" />
        </Form.Item>
        {source === 'warning' ? (
          <Form.Item
            label="预警"
            name="warningId"
            rules={[{ required: true, message: '请选择一条未消除的预警' }]}
            extra="单位、问题类别、严重程度和描述取自预警"
          >
            <WarningPicker />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              label="问题单位"
              name="unitCode"
              rules={[{ required: true, message: '请选择问题单位' }]}
            >
              <UnitSelect ariaLabel="问题单位" />
            </Form.Item>
            <Form.Item
              label="问题类别"
              name="category"
              rules={[{ required: true, whitespace: true, message: '请填写问题类别' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              label="严重程度"
              name="severity"
              rules={[{ required: true, message: '请选择严重程度' }]}
            >
              <Select options={SEVERITY_OPTIONS} aria-label="严重程度" />
            </Form.Item>
            <Form.Item
              label="问题描述"
              name="description"
              rules={[{ required: true, whitespace: true, message: '请填写问题描述' }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item label="来源文号或线索编号" name="sourceRef">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label="整改期限" name="deadline" extra={`不填则按严重程度：${DEFAULT_DEADLINES}`}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
