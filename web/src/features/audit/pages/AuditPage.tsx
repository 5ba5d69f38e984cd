import { CheckCircleOutlined, CloseCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorResult, Loading } from '../../../shared/components/states.tsx';
import { labelOf, optionsOf } from '../../../shared/labels.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  type AuditEntry,
  type AuditFilter,
  useAuditEntries,
  useAuditStatus,
} from '../audit.api.ts';

const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

function ChainStatus() {
  const status = useAuditStatus();
  if (status.isPending) return <Loading rows={1} />;
  if (status.isError) return <ErrorResult error={status.error} what="审计链校验" />;
  const data = status.data;
  const recheck = (
    <Button
      size="small"
      icon={<ReloadOutlined />}
      loading={status.isFetching}
      onClick={() => void status.refetch()}
    >
      重新校验
    </Button>
  );
  return data.ok ? (
    <Alert
      type="success"
      showIcon
      icon={<CheckCircleOutlined />}
      title={`审计链完整：共 ${data.entries} 条记录，逐条校验通过`}
      description={
        data.head
          ? `链头 #${data.head.seq}（${data.head.hash.slice(0, 16)}…）${data.checkpoint ? `；检查点 #${data.checkpoint.seq} 相符` : ''}`
          : '尚无审计记录'
      }
      action={recheck}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      icon={<CloseCircleOutlined />}
      title={`审计链校验未通过：第 ${data.seq} 条记录`}
      description={data.reason}
      action={recheck}
    />
  );
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

interface FilterValues {
  actor?: string;
  entity?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** 审计日志: every write and sign-in, filtered by actor, object and time, with the chain's state. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 50 });
  const entries = useAuditEntries(filter);
  const apply = (values: FilterValues) =>
    setFilter({
      page: 1,
      pageSize: filter.pageSize,
      actor: values.actor?.trim() || undefined,
      entity: values.entity || undefined,
      action: values.action || undefined,
      from: values.range?.[0]?.format('YYYY-MM-DD'),
      to: values.range?.[1]?.format('YYYY-MM-DD'),
    });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="审计链状态" size="small">
        <ChainStatus />
      </Card>
      <Card title="审计日志">
        <Form<FilterValues> layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label="操作人" name="actor">
            <Input allowClear placeholder="用户名" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="对象类型" name="entity">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 150 }}
              options={optionsOf(AUDIT_ENTITIES)}
            />
          </Form.Item>
          <Form.Item label="操作" name="action">
            <Select allowClear placeholder="全部" style={{ width: 150 }} options={optionsOf(AUDIT_ACTIONS)} />
          </Form.Item>
          <Form.Item label="时间" name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
        {entries.isError ? (
          <ErrorResult error={entries.error} what="审计日志" onRetry={() => void entries.refetch()} />
        ) : (
          <Table<AuditEntry>
            size="small"
            rowKey="seq"
            loading={entries.isFetching}
            dataSource={entries.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有符合条件的审计记录' }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: entries.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => `共 ${total} 条`,
              onChange: (page, pageSize) =>
                setFilter({ ...filter, page: pageSize === filter.pageSize ? page : 1, pageSize }),
            }}
            expandable={{
              rowExpandable: (e) => e.before != null || e.after != null || e.details != null,
              expandedRowRender: (e) => (
                <Space align="start" size="large" wrap>
                  {e.before != null && (
                    <div>
                      <Typography.Text strong>变更前</Typography.Text>
                      <Json value={e.before} />
                    </div>
                  )}
                  {e.after != null && (
                    <div>
                      <Typography.Text strong>变更后</Typography.Text>
                      <Json value={e.after} />
                    </div>
                  )}
                  {e.details != null && (
                    <div>
                      <Typography.Text strong>详情</Typography.Text>
                      <Json value={e.details} />
                    </div>
                  )}
                </Space>
              ),
            }}
            columns={[
              { title: '序号', dataIndex: 'seq', align: 'right', render: (seq: number) => `#${seq}` },
              { title: '时间', dataIndex: 'at', render: formatTime },
              { title: '操作人', dataIndex: 'actor' },
              { title: '操作', dataIndex: 'action', render: (a: string) => labelOf(AUDIT_ACTIONS, a) },
              { title: '对象类型', dataIndex: 'entity', render: (e: string) => labelOf(AUDIT_ENTITIES, e) },
              { title: '对象', dataIndex: 'entityKey', render: (k: string | null) => k ?? '—' },
              { title: '区划', dataIndex: 'regionCode', render: (r: string | null) => r ?? '—' },
              { title: '文号', dataIndex: 'documentNo', render: (d: string | null) => d ?? '—' },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
