import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Space, Upload } from 'antd';
import { useState } from 'react';
import { type FindingDetail, uploadEvidence, useRectify } from '../findings.api.ts';

/** The unit's part: measures, evidence files (each a new version of its name), then 提交核验. */
export function RectificationPanel({ finding }: { finding: FindingDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rectify = useRectify(finding.id);
  const [measures, setMeasures] = useState(finding.measures ?? '');
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(0);

  const save = (submit: boolean) => {
    setError(null);
    if (!measures.trim()) return setError('请填写整改措施');
    rectify.mutate(
      { measures: measures.trim(), submit },
      {
        onSuccess: () => void message.success(submit ? '已提交核验' : '整改措施已保存'),
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <Form layout="vertical">
      <Form.Item label="整改措施" required>
        <Input.TextArea
          aria-label="整改措施"
          rows={4}
          maxLength={5000}
          showCount
          value={measures}
          onChange={(e) => setMeasures(e.target.value)}
        />
      </Form.Item>
      <Form.Item label="佐证材料" extra="同名文件再次上传保存为新版本；每个文件记录 SM3 摘要">
        <Upload
          multiple
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            setError(null);
            setUploading((n) => n + 1);
            uploadEvidence(finding.id, [file as File])
              .then((saved) => {
                onSuccess?.(saved);
                void message.success(`已上传 ${(file as File).name}`);
                return queryClient.invalidateQueries({ queryKey: ['findings'] });
              })
              .catch((e: Error) => {
                onError?.(e);
                setError(e.message);
              })
              .finally(() => setUploading((n) => n - 1));
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading > 0}>
            上传佐证材料
          </Button>
        </Upload>
      </Form.Item>
      <Space>
        <Button loading={rectify.isPending} onClick={() => save(false)}>
          保存整改措施
        </Button>
        <Button type="primary" loading={rectify.isPending} onClick={() => save(true)}>
          提交核验
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
    </Form>
  );
}
