import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorResult } from '../../../shared/components/states.tsx';
import { DEPARTMENTS, labelOf, ROLES } from '../../../shared/labels.ts';
import { useCan, useUser } from '../../auth/session.tsx';
import { AccountForm } from '../components/AccountForm.tsx';
import { RolesForm } from '../components/RolesForm.tsx';
import {
  type Account,
  type AccountInput,
  type OneTimePassword,
  useAccounts,
  useCreateAccount,
  useResetPassword,
  useSetRoles,
  useUpdateAccount,
} from '../users.api.ts';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

function showOneTimePassword(modal: ModalApi, result: OneTimePassword, title: string) {
  modal.success({
    title,
    content: (
      <Space orientation="vertical">
        <span>
          账号 {result.user.username}{' '}
          的一次性密码（只显示这一次，请当面或通过安全渠道交给本人；首次登录后须修改）：
        </span>
        <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="one-time-password">
          {result.oneTimePassword}
        </Typography.Text>
      </Space>
    ),
  });
}

const isLocked = (account: Account) =>
  account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.now();

/** 用户管理: 系统管理员 creates, edits, disables and resets accounts; 安全管理员 grants roles. */
export function UsersPage() {
  const user = useUser();
  const { message, modal } = App.useApp();
  const manage = useCan('users.manage');
  const grant = useCan('roles.grant');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [granting, setGranting] = useState<Account | null>(null);
  const accounts = useAccounts(q, page, pageSize);
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const reset = useResetPassword();
  const setRoles = useSetRoles();
  const fail = (error: unknown) => void message.error(error instanceof Error ? error.message : '操作失败');

  const save = (values: AccountInput) => {
    if (editing === 'new')
      create.mutate(values, {
        onSuccess: (result) => {
          setEditing(null);
          showOneTimePassword(modal, result, '账号已新建');
        },
        onError: fail,
      });
    else if (editing)
      update.mutate(
        {
          id: editing.id,
          changes: {
            displayName: values.displayName,
            regionCode: values.regionCode,
            unitCode: values.unitCode,
            department: values.department,
          },
        },
        { onSuccess: () => (setEditing(null), void message.success('已保存')), onError: fail },
      );
  };

  return (
    <Card
      title="用户管理"
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建账号
          </Button>
        )
      }
    >
      <Input.Search
        aria-label="查找账号"
        placeholder="用户名或姓名"
        allowClear
        style={{ width: 280, marginBottom: 16 }}
        onSearch={(value) => (setQ(value.trim()), setPage(1))}
      />
      {accounts.isError ? (
        <ErrorResult error={accounts.error} what="用户管理" onRetry={() => void accounts.refetch()} />
      ) : (
        <Table<Account>
          size="small"
          rowKey="id"
          loading={accounts.isFetching}
          dataSource={accounts.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: accounts.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 个账号`,
            onChange: (next, size) => (setPage(size === pageSize ? next : 1), setPageSize(size)),
          }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '角色',
              key: 'roles',
              render: (_, a) =>
                a.roles.length === 0 ? (
                  <Typography.Text type="secondary">未授予</Typography.Text>
                ) : (
                  a.roles.map((role) => <Tag key={role}>{labelOf(ROLES, role)}</Tag>)
                ),
            },
            { title: '区划', key: 'region', render: (_, a) => a.regionName ?? a.regionCode },
            {
              title: '单位 / 部门',
              key: 'unit',
              render: (_, a) => a.unitName ?? a.unitCode ?? labelOf(DEPARTMENTS, a.department),
            },
            {
              title: '状态',
              key: 'state',
              render: (_, a) => (
                <>
                  {a.disabled ? <Tag color="default">已停用</Tag> : <Tag color="green">正常</Tag>}
                  {isLocked(a) && <Tag color="red">已锁定</Tag>}
                  {a.mustChangePassword && <Tag color="gold">待改密码</Tag>}
                </>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, a) => (
                <Space size={0} wrap>
                  {manage && (
                    <Button type="link" size="small" onClick={() => setEditing(a)}>
                      修改
                    </Button>
                  )}
                  {manage && (
                    <Popconfirm
                      title={`重置 ${a.username} 的密码？`}
                      description="将生成一次性密码，并结束其全部会话"
                      onConfirm={() =>
                        reset.mutate(a.id, {
                          onSuccess: (r) => showOneTimePassword(modal, r, '密码已重置'),
                          onError: fail,
                        })
                      }
                    >
                      <Button type="link" size="small">
                        重置密码
                      </Button>
                    </Popconfirm>
                  )}
                  {manage && a.id !== user.id && (
                    <Button
                      type="link"
                      size="small"
                      danger={!a.disabled}
                      onClick={() =>
                        update.mutate({ id: a.id, changes: { disabled: !a.disabled } }, { onError: fail })
                      }
                    >
                      {a.disabled ? '启用' : '停用'}
                    </Button>
                  )}
                  {grant && a.id !== user.id && (
                    <Button type="link" size="small" onClick={() => setGranting(a)}>
                      设置角色
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <AccountForm
        open={editing !== null}
        account={editing === 'new' ? null : editing}
        defaultRegion={user.regionCode}
        busy={create.isPending || update.isPending}
        onSubmit={save}
        onCancel={() => setEditing(null)}
      />
      {granting && (
        <RolesForm
          account={granting}
          busy={setRoles.isPending}
          onCancel={() => setGranting(null)}
          onSubmit={(roles) =>
            setRoles.mutate(
              { id: granting.id, roles },
              { onSuccess: () => (setGranting(null), void message.success('角色已更新')), onError: fail },
            )
          }
        />
      )}
    </Card>
  );
}
