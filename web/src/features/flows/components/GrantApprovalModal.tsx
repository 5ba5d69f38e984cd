import { Alert, Button, Form, Input, InputNumber, Modal, Result, Select } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/as-of.ts';
import { labelOf, QUOTA_KINDS } from '../../../shared/labels.ts';
import { type Granted, useGrantApproval, usePlans, useUnitNames } from '../flows.api.ts';
import { CHANNEL_LABELS, type GrantableLine, grantableLines, refusalOf } from '../flows-view.ts';

interface Values {
  planLineId?: number;
  personName?: string;
  validDays?: number;
}

/** How a plan line reads in a picker: unit, kind, channel and what is left of it. */
export function lineLabel(entry: GrantableLine, unitName: (code: string) => string): string {
  const { plan, line, remaining } = entry;
  return `${unitName(plan.unitCode)} · ${plan.year}年 · ${labelOf(QUOTA_KINDS, line.quotaKind)} · ${labelOf(
    CHANNEL_LABELS,
    line.channel,
  )}（核准 ${line.approved ?? 0}，可用 ${remaining}）`;
}

/** This year's approved plan lines with places left, for a Select. */
export function useGrantableOptions() {
  const year = Number(todayInChina().slice(0, 4));
  const plans = usePlans({ state: 'approved', year });
  const unitName = useUnitNames();
  const options = grantableLines(plans.data ?? [], year).map((entry) => ({
    value: entry.line.id,
    label: lineLabel(entry, unitName),
  }));
  return { options, loading: plans.isPending };
}

/**
 * 核准用编: one vacancy of an approved plan line reserved for a hire until the person is seated or
 * the approval expires; the server numbers it (the 编制使用通知单's 文号), shown once granted.
 */
export function GrantApprovalModal({
  planLineId,
  onClose,
}: {
  planLineId?: number | undefined;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const grant = useGrantApproval();
  const { options, loading } = useGrantableOptions();
  const [error, setError] = useState<string | null>(null);
  const [granted, setGranted] = useState<Granted | null>(null);

  const submit = (values: Values) => {
    setError(null);
    grant.mutate(
      {
        planLineId: values.planLineId!,
        personName: values.personName?.trim() || undefined,
        ...(values.validDays ? { validDays: values.validDays } : {}),
      },
      { onSuccess: setGranted, onError: (e) => setError(refusalOf(e).message) },
    );
  };

  if (granted)
    return (
      <Modal open title="核准用编" footer={null} onCancel={onClose} destroyOnHidden width={640}>
        <Result
          status="success"
          title={`已核准用编：${granted.number}`}
          subTitle={`${labelOf(QUOTA_KINDS, granted.quotaKind)}空编一名已为此次入编预留，至入编或过期为止`}
          extra={[
            <Link key="enter" to={`/flows/enter?approvalId=${granted.id}`}>
              <Button type="primary">办理入编</Button>
            </Link>,
            <Button key="close" onClick={onClose}>
              完成
            </Button>,
          ]}
        />
      </Modal>
    );

  return (
    <Modal
      open
      title="核准用编"
      okText="核准"
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ planLineId, validDays: 180 }}
        onFinish={submit}
      >
        <Form.Item
          label="用编计划明细"
          name="planLineId"
          rules={[{ required: true, message: '请选择已批准的用编计划明细' }]}
          extra="本年度已批准、尚有核准名额的计划明细"
        >
          <Select
            aria-label="用编计划明细"
            options={options}
            loading={loading}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="单位 · 编制类型 · 补充渠道"
            notFoundContent="没有可核准的用编计划"
          />
        </Form.Item>
        <Form.Item label="拟用人员" name="personName">
          <Input aria-label="拟用人员" maxLength={50} placeholder="可选：已确定人选时填写" />
        </Form.Item>
        <Form.Item label="有效天数" name="validDays" extra="过期未入编的，预留的空编自动释放">
          <InputNumber aria-label="有效天数" min={1} max={730} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
