import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Typography } from 'antd';
import { Link } from 'react-router';
import { useReminders } from '../findings.api.ts';
import { reminderLabel } from '../findings-view.ts';

/** The header's bell: the findings that need the user (overdue, due soon, returned, to verify …). */
export function ReminderBell() {
  const reminders = useReminders(true);
  const items = reminders.data ?? [];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items:
          items.length === 0
            ? [{ key: 'none', disabled: true, label: '暂无需要办理的问题' }]
            : items.map((r) => ({
                key: `${r.kind}-${r.findingId}`,
                label: (
                  <Link to={`/findings/${r.findingId}`}>
                    <Typography.Text strong>{r.number}</Typography.Text> {reminderLabel(r.kind)}
                    <Typography.Text type="secondary">
                      {' '}
                      · {r.category} · 期限 {r.deadline}
                    </Typography.Text>
                  </Link>
                ),
              })),
      }}
    >
      <Button type="text" aria-label={`问题提醒（${items.length}）`}>
        <Badge count={items.length} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
