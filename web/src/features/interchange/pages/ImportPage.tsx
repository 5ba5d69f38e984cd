import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Space,
  Steps,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { isFinished, startImport, useImportJob } from '../interchange.api.ts';
import { ImportJobView } from '../components/ImportJobView.tsx';
import { TemplateList } from '../components/TemplateList.tsx';

/** One workbook, or CSV files: the importer's rule, checked before anything is sent. */
function filesProblem(files: File[]): string | null {
  if (files.length === 0) return '请选择要导入的文件';
  const workbooks = files.filter((f) => f.name.toLowerCase().endsWith('.xlsx'));
  const csvs = files.filter((f) => f.name.toLowerCase().endsWith('.csv'));
  if (workbooks.length + csvs.length < files.length) return '只能上传 .csv 或 .xlsx 文件';
  if (workbooks.length > 1 || (workbooks.length === 1 && csvs.length > 0))
    return '请上传一个 .xlsx 工作簿，或若干 .csv 文件（不能混合）';
  return null;
}

/** 导入: templates, upload, dry run with every error shown, then the real import with its progress. */
export function ImportPage() {
  const { message } = App.useApp();
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [effectiveOn, setEffectiveOn] = useState<Dayjs | null>(null);
  const [checkJob, setCheckJob] = useState<string | null>(null);
  const [applyJob, setApplyJob] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useImportJob(checkJob);
  const applied = useImportJob(applyJob);
  const files = fileList
    .map((f) => f.originFileObj)
    .filter((f): f is NonNullable<typeof f> => f !== undefined);
  const problem = filesProblem(files);
  const checkPassed = check.data?.status === 'succeeded' && check.data.result?.ok === true;
  const running =
    (checkJob !== null && !isFinished(check.data)) || (applyJob !== null && !isFinished(applied.data));

  const start = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const jobId = await startImport(files, dryRun, effectiveOn ? effectiveOn.format('YYYY-MM-DD') : null);
      if (dryRun) {
        setCheckJob(jobId);
        setApplyJob(null);
      } else setApplyJob(jobId);
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '上传失败');
    } finally {
      setBusy(false);
    }
  };

  const step = applied.data?.status === 'succeeded' ? 3 : applyJob ? 2 : checkJob ? 1 : 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="导入模板" size="small">
        <Typography.Paragraph type="secondary">
          每个数据文件一个模板，表头为中文列名；也可把多个数据文件放进一个 .xlsx
          工作簿（工作表名即数据文件名，如 units、persons）。
        </Typography.Paragraph>
        <TemplateList />
      </Card>
      <Card title="导入数据">
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: '选择文件' }, { title: '校验（试运行）' }, { title: '正式导入' }]}
        />
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Upload.Dragger
            multiple
            accept=".csv,.xlsx"
            fileList={fileList}
            beforeUpload={() => false}
            disabled={running}
            onChange={({ fileList: next }) => {
              setFileList(next);
              setCheckJob(null);
              setApplyJob(null);
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽文件到此处</p>
            <p className="ant-upload-hint">
              一个 .xlsx 工作簿，或若干 .csv 文件（文件名即数据文件名，如 units.csv）
            </p>
          </Upload.Dragger>
          <Space wrap>
            <label htmlFor="effective-on">变化生效日期</label>
            <DatePicker
              id="effective-on"
              value={effectiveOn}
              onChange={setEffectiveOn}
              placeholder="默认导入当天"
              disabled={running}
            />
            <Typography.Text type="secondary">机构与职务的变化自该日起形成新版本</Typography.Text>
          </Space>
          {fileList.length > 0 && problem && <Alert type="warning" showIcon title={problem} />}
          <Space>
            <Button
              type="primary"
              disabled={!!problem || running}
              loading={busy && !checkJob}
              onClick={() => void start(true)}
            >
              校验（试运行）
            </Button>
            <Button
              type="primary"
              danger
              disabled={!checkPassed || running || applyJob !== null}
              loading={busy && !!checkJob}
              onClick={() => void start(false)}
            >
              正式导入
            </Button>
          </Space>
          {checkJob && (
            <Card size="small" title="校验结果">
              <ImportJobView jobId={checkJob} />
            </Card>
          )}
          {applyJob && (
            <Card size="small" title="导入结果">
              <ImportJobView jobId={applyJob} />
            </Card>
          )}
        </Space>
      </Card>
    </Space>
  );
}
