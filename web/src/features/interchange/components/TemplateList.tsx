import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, List, Tooltip, Typography } from 'antd';
import { download, isNotProvided, saveBlob } from '../../../shared/api/client.ts';
import { DATASET_FILES, type TemplateFile } from '../../../shared/labels.ts';
import { templateCsv, templateNotes } from '../templates.ts';

/** Import templates with Chinese headers: the server's workbook, or a CSV made here when it has none. */
export function TemplateList() {
  const { message } = App.useApp();
  const fetchTemplate = async (file: TemplateFile) => {
    try {
      await download(`/api/templates/${file.name}.xlsx`, `${file.name}.xlsx`);
    } catch (error) {
      if (!isNotProvided(error)) {
        void message.error(error instanceof Error ? error.message : '下载失败');
        return;
      }
      saveBlob(new Blob([templateCsv(file)], { type: 'text/csv;charset=utf-8' }), `${file.name}.csv`);
    }
  };
  return (
    <List
      size="small"
      grid={{ gutter: 8, xs: 1, md: 2, xl: 3 }}
      dataSource={DATASET_FILES}
      renderItem={(file) => (
        <List.Item>
          <Tooltip title={templateNotes(file).join('；')}>
            <Button
              block
              icon={<DownloadOutlined />}
              aria-label={`下载${file.label}模板`}
              onClick={() => void fetchTemplate(file)}
            >
              {file.label}
              <Typography.Text type="secondary" style={{ marginLeft: 4 }}>
                （{file.name}）
              </Typography.Text>
            </Button>
          </Tooltip>
        </List.Item>
      )}
    />
  );
}
