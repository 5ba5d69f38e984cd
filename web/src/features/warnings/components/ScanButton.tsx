import { ScanOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isScanFinished, useScanJob, useStartScan } from '../warnings.api.ts';

const PHASES: Record<string, string> = {
  queued: '排队中',
  scan: '正在运行各项规则',
  record: '正在记入预警台账',
  done: '完成',
};

/** 立即扫描: starts a scan as of today (a job) and follows it with a progress bar until it ends. */
export function ScanButton() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const start = useStartScan();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useScanJob(jobId);
  const running = jobId !== null && !isScanFinished(job.data);

  useEffect(() => {
    if (job.data?.status === 'succeeded' && job.data.result) {
      const r = job.data.result;
      void message.success(`扫描完成：发现 ${r.found} 条预警，新增 ${r.new} 条，消除 ${r.resolved} 条`);
      void queryClient.invalidateQueries({ queryKey: ['warnings'] });
    }
  }, [job.data, message, queryClient]);

  const run = () =>
    start.mutate(undefined, {
      onSuccess: ({ jobId: id }) => setJobId(id),
      onError: (error) => void message.error(error.message),
    });

  return (
    <Space>
      <Button icon={<ScanOutlined />} loading={start.isPending || running} onClick={run}>
        立即扫描
      </Button>
      {running && (
        <>
          <Progress
            style={{ width: 140 }}
            size="small"
            percent={Math.round(job.data?.progress.percent ?? 0)}
            status="active"
            aria-label="扫描进度"
          />
          <Typography.Text type="secondary">
            {PHASES[job.data?.status === 'queued' ? 'queued' : (job.data?.progress.phase ?? 'queued')]}
          </Typography.Text>
        </>
      )}
      {job.data?.status === 'failed' && (
        <Alert type="error" showIcon title={`扫描失败：${job.data.error?.message ?? ''}`} />
      )}
    </Space>
  );
}
