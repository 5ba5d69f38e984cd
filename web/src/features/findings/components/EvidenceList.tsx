import { Table } from 'antd';
import { Sm3Digest } from '../../../shared/components/Sm3Digest.tsx';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { type Evidence, evidencePath } from '../findings.api.ts';
import { beijingTime, fileSize } from '../findings-view.ts';

/** The evidence files, every version kept, with its SM3 digest and a download. */
export function EvidenceList({ findingId, evidence }: { findingId: number; evidence: Evidence[] }) {
  return (
    <Table<Evidence>
      aria-label="佐证材料"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={evidence}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '尚无佐证材料' }}
      columns={[
        { title: '文件名', dataIndex: 'fileName' },
        { title: '版本', key: 'version', render: (_, e) => `第 ${e.version} 版` },
        { title: '大小', key: 'size', align: 'right', render: (_, e) => fileSize(e.size) },
        {
          title: 'SM3 摘要',
          key: 'sm3',
          render: (_, e) => <Sm3Digest sm3={e.sm3} />,
        },
        { title: '上传人', dataIndex: 'uploadedBy' },
        { title: '上传时间', key: 'at', render: (_, e) => beijingTime(e.uploadedAt) },
        {
          title: '下载',
          key: 'download',
          render: (_, e) => (
            <DownloadButton
              size="small"
              type="link"
              path={evidencePath(findingId, e.id)}
              filename={e.fileName}
              aria-label={`下载 ${e.fileName} 第 ${e.version} 版`}
            >
              下载
            </DownloadButton>
          ),
        },
      ]}
    />
  );
}
