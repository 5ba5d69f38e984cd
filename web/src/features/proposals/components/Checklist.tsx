import { Checkbox, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { beijingTime } from '../../findings/findings-view.ts';
import { type AspectEntry, useCheckAspect } from '../proposals.api.ts';
import { aspectsByStep } from '../proposals-view.ts';
import { ActionError } from './ActionError.tsx';

function NoteInput({ aspect, onSave }: { aspect: AspectEntry; onSave: (note: string) => void }) {
  const [note, setNote] = useState(aspect.note ?? '');
  const save = () => {
    if (note.trim() !== (aspect.note ?? '')) onSave(note.trim());
  };
  return (
    <Input
      size="small"
      aria-label={`${aspect.code} 说明`}
      placeholder="说明（回车保存）"
      value={note}
      maxLength={1000}
      onChange={(e) => setNote(e.target.value)}
      onPressEnter={save}
      onBlur={save}
    />
  );
}

/** 过程检查: the 12 aspects by step; a step passed whose aspect nobody checked shows it in red. */
export function Checklist({
  proposalId,
  checklist,
  canCheck,
}: {
  proposalId: number;
  checklist: AspectEntry[];
  canCheck: boolean;
}) {
  const check = useCheckAspect(proposalId);
  const record = (aspect: AspectEntry, checked: boolean, note: string | null) =>
    check.mutate({ aspect: aspect.code, checked, ...(note ? { note } : {}) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {aspectsByStep(checklist).map((group) => (
        <Table<AspectEntry>
          key={group.step}
          aria-label={`过程检查：${group.label}`}
          title={() => <Typography.Text strong>{group.label}</Typography.Text>}
          size="small"
          rowKey="code"
          pagination={false}
          tableLayout="fixed"
          dataSource={group.aspects}
          columns={[
            {
              title: '核对',
              key: 'checked',
              width: 64,
              render: (_, a) => (
                <Checkbox
                  aria-label={a.label}
                  checked={a.checked}
                  disabled={!canCheck || check.isPending}
                  onChange={(e) => record(a, e.target.checked, a.note)}
                />
              ),
            },
            {
              title: '检查内容',
              key: 'label',
              render: (_, a) =>
                a.missing ? (
                  <Space>
                    <Typography.Text type="danger">{a.label}</Typography.Text>
                    <Tag color="red">缺项</Tag>
                  </Space>
                ) : (
                  a.label
                ),
            },
            {
              title: '说明',
              key: 'note',
              width: 220,
              render: (_, a) =>
                canCheck ? (
                  <NoteInput aspect={a} onSave={(note) => record(a, a.checked, note)} />
                ) : (
                  (a.note ?? '—')
                ),
            },
            {
              title: '核对人',
              key: 'by',
              width: 150,
              render: (_, a) => (a.by ? `${a.by} · ${a.at ? beijingTime(a.at) : ''}` : '—'),
            },
          ]}
        />
      ))}
      <ActionError error={check.error} title="未能记录过程检查" />
    </Space>
  );
}
