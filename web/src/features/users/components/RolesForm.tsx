import { Alert, Checkbox, Modal, Space } from 'antd';
import { useState } from 'react';
import { optionsOf, ROLES } from '../../../shared/labels.ts';
import { type Account, rolesConflict } from '../users.api.ts';

/** 授予角色 (安全管理员): the account's whole set of roles, 三员分立 checked as it is ticked. */
export function RolesForm({
  account,
  busy,
  onSubmit,
  onCancel,
}: {
  account: Account;
  busy: boolean;
  onSubmit: (roles: string[]) => void;
  onCancel: () => void;
}) {
  const [roles, setRoles] = useState<string[]>(account.roles);
  const conflict = rolesConflict(roles);
  return (
    <Modal
      open
      title={`设置角色：${account.displayName}（${account.username}）`}
      okText="保存"
      okButtonProps={{ disabled: conflict !== null }}
      confirmLoading={busy}
      onOk={() => onSubmit(roles)}
      onCancel={onCancel}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Checkbox.Group
          aria-label="角色"
          value={roles}
          onChange={(values) => setRoles(values.map(String))}
          options={optionsOf(ROLES)}
        />
        {conflict && <Alert type="error" showIcon title={conflict} />}
      </Space>
    </Modal>
  );
}
