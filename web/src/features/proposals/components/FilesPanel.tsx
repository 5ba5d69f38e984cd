import { UploadOutlined } from '@ant-design/icons';
import { Button, Space, Table, Upload } from 'antd';
import { Sm3Digest } from '../../../shared/components/Sm3Digest.tsx';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { beijingTime, fileSize } from '../../findings/findings-view.ts';
import { filePath, type ProposalFile, useUploadFile } from '../proposals.api.ts';
import { ActionError } from './ActionError.tsx';

/** 调研报告等材料: each file with its SM3 digest and a download; the 编办 uploads them one at a time. */
export function FilesPanel({
  proposalId,
  files,
  canUpload,
}: {
  proposalId: number;
  files: ProposalFile[];
  canUpload: boolean;
}) {
  const upload = useUploadFile(proposalId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<ProposalFile>
        aria-label="调研报告等材料"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={files}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚无材料' }}
        columns={[
          { title: '文件名', dataIndex: 'fileName' },
          { title: '大小', key: 'size', align: 'right', render: (_, f) => fileSize(f.size) },
          {
            title: 'SM3 摘要',
            key: 'sm3',
            render: (_, f) => <Sm3Digest sm3={f.sm3} />,
          },
          { title: '上传人', dataIndex: 'actor' },
          { title: '上传时间', key: 'at', render: (_, f) => beijingTime(f.uploadedAt) },
          {
            title: '下载',
            key: 'download',
            render: (_, f) => (
              <DownloadButton
                size="small"
                type="link"
                path={filePath(proposalId, f.id)}
                filename={f.fileName}
                aria-label={`下载 ${f.fileName}`}
              >
                下载
              </DownloadButton>
            ),
          },
        ]}
      />
      {canUpload && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            上传调研报告
          </Button>
        </Upload>
      )}
      <ActionError error={upload.error} title="上传失败" />
    </Space>
  );
}
