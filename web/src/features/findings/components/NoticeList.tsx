import { Card, Table } from 'antd';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { type NoticeListItem, noticeDocxPath, useNotices } from '../findings.api.ts';

/** The 整改通知书 issued in the user's scope, newest first, each downloadable as Word. */
export function NoticeList() {
  const notices = useNotices();
  return (
    <Card size="small" title="整改通知书">
      {notices.isError ? (
        <ErrorResult error={notices.error} what="整改通知书" onRetry={() => void notices.refetch()} />
      ) : (
        <Table<NoticeListItem>
          aria-label="整改通知书"
          size="small"
          rowKey="id"
          loading={notices.isPending}
          dataSource={notices.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '尚未下发整改通知书' }}
          columns={[
            { title: '文号', dataIndex: 'documentNo' },
            { title: '单位代码', dataIndex: 'unitCode' },
            { title: '问题数', dataIndex: 'findings', align: 'right' },
            { title: '发文日期', dataIndex: 'issuedOn' },
            { title: '整改期限', dataIndex: 'deadline' },
            {
              title: '通知书',
              key: 'docx',
              render: (_, n) => (
                <DownloadButton
                  size="small"
                  type="link"
                  path={noticeDocxPath(n.id)}
                  filename={`整改通知书-${n.documentNo}.docx`}
                  aria-label={`下载 ${n.documentNo}`}
                >
                  下载
                </DownloadButton>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
