import { Form, Input, Modal, Select } from 'antd';
import { DEPARTMENTS, optionsOf } from '../../../shared/labels.ts';
import type { Account, AccountInput } from '../users.api.ts';

/** New account, or the editable fields of one (not the username, which is its key). */
export function AccountForm({
  open,
  account,
  defaultRegion,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  account: Account | null;
  defaultRegion: string;
  busy: boolean;
  onSubmit: (values: AccountInput) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<AccountInput>();
  return (
    <Modal
      open={open}
      title={account ? `修改账号：${account.username}` : '新建账号'}
      okText={account ? '保存' : '新建'}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<AccountInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          account
            ? {
                username: account.username,
                displayName: account.displayName,
                regionCode: account.regionCode,
                unitCode: account.unitCode,
                department: account.department,
              }
            : { regionCode: defaultRegion }
        }
        onFinish={(values) =>
          onSubmit({
            ...values,
            unitCode: values.unitCode?.trim() || null,
            department: values.department ?? null,
          })
        }
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={[
            { required: true, message: '请输入用户名' },
            {
              pattern: /^[a-z][a-z0-9_.-]{1,31}$/,
              message: '2至32位小写字母、数字、下划线、点或连字符，以字母开头',
            },
          ]}
        >
          <Input disabled={account !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          label="所属区划代码"
          name="regionCode"
          rules={[{ required: true, message: '请填写区划代码' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="所属单位代码" name="unitCode" extra="单位联络员必填：只能查看本单位">
          <Input allowClear />
        </Form.Item>
        <Form.Item label="所属部门" name="department" extra="部门查询账号必填">
          <Select allowClear options={optionsOf(DEPARTMENTS)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
