import { Alert, App, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { type FindingDetail, useVerify } from '../findings.api.ts';
import type { FindingTask } from '../findings-view.ts';
import { ActionModal, type ModalAction } from './ActionModal.tsx';

const BUTTONS: { action: ModalAction; label: string }[] = [
  { action: 'defer', label: '暂缓' },
  { action: 'resume', label: '恢复整改' },
  { action: 'reopen', label: '重新打开' },
];

/** The 编办's part: 对号结账 (核验通过 or 退回整改 with reasons), 暂缓, 恢复整改, 重新打开. */
export function ReviewPanel({ finding, tasks }: { finding: FindingDetail; tasks: FindingTask[] }) {
  const { message } = App.useApp();
  const verify = useVerify(finding.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ModalAction | null>(null);

  const decide = (passed: boolean) => {
    setError(null);
    if (!passed && !note.trim()) return setError('退回整改须说明理由');
    verify.mutate(
      { passed, note: note.trim() },
      {
        onSuccess: () => (setNote(''), void message.success(passed ? '核验通过，已销号' : '已退回整改')),
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {tasks.includes('verify') && (
        <>
          <Input.TextArea
            aria-label="核验意见"
            placeholder="核验意见（退回整改时必填）"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Space>
            <Button type="primary" loading={verify.isPending} onClick={() => decide(true)}>
              核验通过
            </Button>
            <Button danger loading={verify.isPending} onClick={() => decide(false)}>
              退回整改
            </Button>
          </Space>
        </>
      )}
      <Space>
        {BUTTONS.filter((b) => tasks.includes(b.action)).map((b) => (
          <Button key={b.action} onClick={() => setOpen(b.action)}>
            {b.label}
          </Button>
        ))}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {open && <ActionModal findingId={finding.id} action={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}
