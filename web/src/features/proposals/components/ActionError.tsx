import { Alert, Typography } from 'antd';

/** A refused write: the server's Chinese message in full (e.g. 第 2 项（编制划转）：…). */
export function ActionError({ error, title }: { error: Error | null; title: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={<Typography.Text data-testid="refusal-message">{error.message}</Typography.Text>}
      style={{ marginTop: 12 }}
    />
  );
}
