import { Alert, Card, Checkbox, Form, Radio, Typography } from 'antd';
import { useState } from 'react';
import { queryString } from '../../../shared/api/client.ts';
import { DownloadButton } from '../../../shared/components/DownloadButton.tsx';
import { useAsOf } from '../../../shared/hooks/use-as-of.ts';

/** 导出: the stored data in the interchange format, everything (round-trips) or the state on a date. */
export function ExportPage() {
  const { asOf } = useAsOf();
  const [scope, setScope] = useState<'all' | 'asOf'>('asOf');
  const [format, setFormat] = useState<'xlsx' | 'zip'>('xlsx');
  const [chinese, setChinese] = useState(true);
  const path = `/api/export${queryString({
    asOf: scope === 'asOf' ? asOf : undefined,
    format,
    labels: chinese ? 'zh' : undefined,
  })}`;
  return (
    <Card title="导出数据" style={{ maxWidth: 760 }}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="导出文件含完整的公民身份号码，请按涉密数据管理要求妥善保管；每次导出均记入审计日志。"
      />
      <Form layout="vertical">
        <Form.Item label="导出范围">
          <Radio.Group value={scope} onChange={(event) => setScope(event.target.value as 'all' | 'asOf')}>
            <Radio value="asOf">截至 {asOf} 的状态</Radio>
            <Radio value="all">全部数据（含历史与未来生效的记录，可原样导入）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="文件格式">
          <Radio.Group value={format} onChange={(event) => setFormat(event.target.value as 'xlsx' | 'zip')}>
            <Radio value="xlsx">Excel 工作簿（.xlsx）</Radio>
            <Radio value="zip">CSV 压缩包（.zip，适合大数据量）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item>
          <Checkbox checked={chinese} onChange={(event) => setChinese(event.target.checked)}>
            表头与枚举值使用中文
          </Checkbox>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            不勾选时使用交换格式的英文键，便于与其他系统交换。
          </Typography.Paragraph>
        </Form.Item>
        <DownloadButton
          type="primary"
          path={path}
          filename={format === 'zip' ? '机构编制数据.zip' : '机构编制数据.xlsx'}
        >
          导出
        </DownloadButton>
      </Form>
    </Card>
  );
}
