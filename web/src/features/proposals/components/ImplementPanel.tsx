import { Button, DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useImplement } from '../proposals.api.ts';
import { ActionError } from './ActionError.tsx';

/**
 * 组织实施: from the effective date, every change is written at once; if one cannot be applied nothing
 * is, and the server says which (第 2 项（编制划转）：…).
 */
export function ImplementPanel({ proposalId }: { proposalId: number }) {
  const implement = useImplement(proposalId);
  const [effectiveOn, setEffectiveOn] = useState<Dayjs>(dayjs());
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        实施后按生效日期写入机构沿革和编制、领导职数台账，并与审议决定关联。
      </Typography.Text>
      <Space>
        <Typography.Text>生效日期</Typography.Text>
        <DatePicker
          aria-label="生效日期"
          value={effectiveOn}
          allowClear={false}
          onChange={(date: Dayjs | null) => date && setEffectiveOn(date)}
        />
        <Button
          type="primary"
          loading={implement.isPending}
          onClick={() => implement.mutate({ effectiveOn: effectiveOn.format('YYYY-MM-DD') })}
        >
          组织实施
        </Button>
      </Space>
      <ActionError error={implement.error} title="未能实施" />
    </Space>
  );
}
