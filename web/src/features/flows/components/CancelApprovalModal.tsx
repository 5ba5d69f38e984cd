import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayInChina } from '../../../shared/as-of.ts';
import { type QuotaUseApproval, useCancelApproval } from '../flows.api.ts';
import { refusalOf } from '../flows-view.ts';

interface Values {
  cancelledOn?: Dayjs;
  reason?: string;
}

/**
 * 撤销用编核准: a reserved approval stops reserving its vacancy from the cancellation date (between
 * its grant and today); before that date it still counts as reserved.
 */
export function CancelApprovalModal({
  approval,
  onClose,
}: {
  approval: QuotaUseApproval;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const cancel = useCancelApproval(approval.id);
  const [error, setError] = useState<string | null>(null);
  const today = todayInChina();

  const submit = (values: Values) => {
    setError(null);
    cancel.mutate(
      { cancelledOn: values.cancelledOn!.format('YYYY-MM-DD'), reason: values.reason!.trim() },
      { onSuccess: onClose, onError: (e) => setError(refusalOf(e).message) },
    );
  };

  return (
    <Modal
      open
      title={`撤销用编核准 ${approval.number}`}
      okText="撤销"
      okButtonProps={{ danger: true }}
      confirmLoading={cancel.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ cancelledOn: dayjs(today) }}
        onFinish={submit}
      >
        <Form.Item
          label="撤销日期"
          name="cancelledOn"
          rules={[{ required: true, message: '请选择撤销日期' }]}
          extra={`自该日起不再占用空编（${approval.approvedOn} 至 ${today} 之间）`}
        >
          <DatePicker
            aria-label="撤销日期"
            disabledDate={(d) =>
              d.isBefore(dayjs(approval.approvedOn), 'day') || d.isAfter(dayjs(today), 'day')
            }
          />
        </Form.Item>
        <Form.Item
          label="撤销理由"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请说明撤销理由' }]}
        >
          <Input.TextArea aria-label="撤销理由" maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
