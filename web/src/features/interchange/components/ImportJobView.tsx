import { Alert, Progress, Result, Space, Table, Typography } from 'antd';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { DATASET_FILES, IMPORT_PHASES, JOB_STATUSES, labelOf } from '../../../shared/labels.ts';
import {
  type FileCounts,
  type ImportError,
  type ImportJob,
  type ImportResult,
  useImportJob,
} from '../interchange.api.ts';

const fileLabel = (name: string) => {
  const file = DATASET_FILES.find((f) => f.name === name);
  return file ? `${file.label}（${name}）` : name;
};

function CountsTable({ counts }: { counts: Record<string, FileCounts> }) {
  const rows = Object.entries(counts).map(([file, c]) => ({ file, ...c }));
  return (
    <Table
      size="small"
      rowKey="file"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '无数据文件' }}
      columns={[
        { title: '数据文件', key: 'file', render: (_, r) => fileLabel(r.file) },
        { title: '行数', dataIndex: 'rows', align: 'right' },
        { title: '新增', dataIndex: 'added', align: 'right' },
        { title: '更新', dataIndex: 'updated', align: 'right' },
      ]}
    />
  );
}

function ErrorTable({ errors }: { errors: ImportError[] }) {
  return (
    <Table<ImportError>
      size="small"
      aria-label="导入错误"
      rowKey={(e) => `${e.file}-${e.row}-${e.column ?? ''}-${e.reason}`}
      dataSource={errors}
      pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 条` }}
      columns={[
        { title: '文件', dataIndex: 'file', width: 140 },
        {
          title: '行号',
          dataIndex: 'row',
          align: 'right',
          width: 72,
          render: (row: number) => (row === 0 ? '整个文件' : row),
        },
        { title: '列', dataIndex: 'column', width: 140, render: (column: string | null) => column ?? '整行' },
        { title: '值', dataIndex: 'value', width: 180, render: (value: string | null) => value ?? '' },
        { title: '原因', dataIndex: 'reason' },
      ]}
    />
  );
}

function Running({ job }: { job: Pick<ImportJob, 'status' | 'progress'> }) {
  const { progress } = job;
  const phase = job.status === 'queued' ? '排队中' : labelOf(IMPORT_PHASES, progress.phase);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress
        percent={Math.round(progress.percent ?? 0)}
        status="active"
        aria-label="导入进度"
        data-testid="import-progress"
      />
      <Typography.Text type="secondary">
        {phase}
        {progress.file ? ` · ${fileLabel(progress.file)}` : ''} · 已读取{' '}
        {progress.rows.toLocaleString('zh-CN')} 行
      </Typography.Text>
    </Space>
  );
}

function Finished({ job, result }: { job: ImportJob; result: ImportResult }) {
  if (!result.ok)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="error"
          showIcon
          title={`发现 ${result.errorCount} 处错误，未写入任何数据`}
          description={
            result.truncated
              ? '错误过多，只收集了前面的一部分；请下载标注了错误的文件，改正后重新上传。'
              : '请下载标注了错误的文件（出错的单元格标红并附批注），改正后重新上传。'
          }
          action={
            <DownloadButton
              path={`/api/imports/${encodeURIComponent(job.id)}/report?format=xlsx`}
              filename="导入错误报告.xlsx"
              type="primary"
            >
              下载标注错误的文件
            </DownloadButton>
          }
        />
        <ErrorTable errors={result.errors} />
      </Space>
    );
  if (result.dryRun)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon title="校验通过，未发现错误（试运行，未写入任何数据）" />
        <CountsTable counts={result.counts} />
      </Space>
    );
  return (
    <Result
      status="success"
      title="导入完成"
      subTitle={
        (result.auditSeq !== null ? `已记入审计日志：审计记录 #${result.auditSeq}` : '数据无变化') +
        (result.scanJobId ? '；已自动开始预警扫描，稍后预警台账随之更新' : '')
      }
      extra={<CountsTable counts={result.counts} />}
    />
  );
}

/**
 * A job the server has accepted but not yet reported on. On the embedded database the first poll
 * waits for the import's transaction, so without this the page would show a skeleton, not a bar.
 */
const SUBMITTED: Pick<ImportJob, 'status' | 'progress'> = {
  status: 'queued',
  progress: { phase: 'queued', rows: 0, percent: 0 },
};

/** An import job as it runs (a progress bar) and once it has finished (the result or every error). */
export function ImportJobView({ jobId }: { jobId: string }) {
  const job = useImportJob(jobId);
  if (job.isPending) return <Running job={SUBMITTED} />;
  if (job.isError) return <ErrorResult error={job.error} what="导入任务" />;
  const data = job.data;
  if (data.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={`导入${labelOf(JOB_STATUSES, data.status)}`}
        description={data.error?.message ?? '任务异常中止，未写入任何数据'}
      />
    );
  if (data.status === 'succeeded' && data.result) return <Finished job={data} result={data.result} />;
  return <Running job={data} />;
}
