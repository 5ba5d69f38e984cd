import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useDefer, useReopen, useResume } from '../findings.api.ts';

export type ModalAction = 'defer' | 'resume' | 'reopen';

interface Values {
  reason?: string;
  until?: Dayjs;
  deadline?: Dayjs | null;
}

const TITLES: Record<ModalAction, string> = { defer: '暂缓整改', resume: '恢复整改', reopen: '重新打开' };

/** 暂缓 (reason and date), 恢复整改 (note, new deadline) or 重新打开 (reason), with the server's refusal. */
export function ActionModal({
  findingId,
  action,
  onClose,
}: {
  findingId: number;
  action: ModalAction;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const defer = useDefer(findingId);
  const resume = useResume(findingId);
  const reopen = useReopen(findingId);
  const running = { defer, resume, reopen }[action];
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');

  const submit = (values: Values) => {
    const done = { onSuccess: onClose };
    const reason = values.reason?.trim() ?? '';
    if (action === 'defer') defer.mutate({ reason, until: day(values.until!) }, done);
    else if (action === 'reopen') reopen.mutate({ reason }, done);
    else
      resume.mutate(
        {
          ...(reason ? { note: reason } : {}),
          ...(values.deadline ? { deadline: day(values.deadline) } : {}),
        },
        done,
      );
  };

  return (
    <Modal
      open
      title={TITLES[action]}
      okText="确定"
      confirmLoading={running.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          label={action === 'resume' ? '说明' : '理由'}
          name="reason"
          rules={action === 'resume' ? [] : [{ required: true, whitespace: true, message: '请说明理由' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {action === 'defer' && (
          <Form.Item label="暂缓至" name="until" rules={[{ required: true, message: '请选择暂缓至哪天' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        )}
        {action === 'resume' && (
          <Form.Item label="新的整改期限" name="deadline" extra="不填则保持原整改期限">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
      {running.isError && <Alert type="error" showIcon title={running.error.message} />}
    </Modal>
  );
}
