import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ProposalState } from '../../../../../src/modules/proposals/proposals.model.ts';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { optionsOf } from '../../../shared/labels.ts';
import { useCan } from '../../auth/session.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { type Proposal, useProposals } from '../proposals.api.ts';
import { PROPOSAL_STATE_LABELS } from '../proposals-view.ts';

const STATE_OPTIONS = optionsOf(PROPOSAL_STATE_LABELS);
const dash = (value: string | null) => value ?? '—';

/** 动议事项: the region's proposals (a liaison's own unit's only), by state, and 提出动议. */
export function ProposalsPage() {
  const submit = useCan('proposals.submit');
  const navigate = useNavigate();
  const [state, setState] = useState<ProposalState | undefined>();
  const proposals = useProposals(state);
  return (
    <Card
      title="动议事项"
      extra={
        <Space>
          <Select
            aria-label="状态"
            placeholder="全部状态"
            allowClear
            options={STATE_OPTIONS}
            value={state}
            onChange={setState}
            style={{ width: 140 }}
          />
          {submit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/proposals/new')}>
              提出动议
            </Button>
          )}
        </Space>
      }
    >
      {proposals.isError ? (
        <ErrorResult error={proposals.error} what="动议事项" onRetry={() => void proposals.refetch()} />
      ) : (
        <Table<Proposal>
          aria-label="动议事项"
          size="small"
          rowKey="id"
          loading={proposals.isFetching}
          dataSource={proposals.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          locale={{ emptyText: '暂无动议事项' }}
          columns={[
            {
              title: '编号',
              dataIndex: 'number',
              render: (number: string, p) => <Link to={`/proposals/${p.id}`}>{number}</Link>,
            },
            { title: '事项名称', dataIndex: 'title' },
            { title: '提出单位', key: 'sponsor', render: (_, p) => p.sponsorUnitName ?? '编办' },
            { title: '状态', key: 'state', render: (_, p) => <StateTag state={p.state} /> },
            { title: '动议日期', dataIndex: 'submittedOn' },
            { title: '决定日期', key: 'decidedOn', render: (_, p) => dash(p.decidedOn) },
            { title: '生效日期', key: 'effectiveOn', render: (_, p) => dash(p.effectiveOn) },
            {
              title: '过程检查缺项',
              key: 'missing',
              align: 'right',
              render: (_, p) =>
                p.missingAspects > 0 ? (
                  <Typography.Text type="danger">{p.missingAspects} 项</Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
