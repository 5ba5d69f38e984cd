import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { download } from '../api/client.ts';

/** A button that fetches a file from the API and saves it, showing the server's message on failure. */
export function DownloadButton({
  path,
  filename,
  children,
  onError,
  ...props
}: {
  path: string;
  filename: string;
  children: React.ReactNode;
  /** Handles a failure itself (return true) instead of the default message. */
  onError?: (error: unknown) => boolean | Promise<boolean>;
} & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download(path, filename);
    } catch (error) {
      if (!(await onError?.(error))) void message.error(error instanceof Error ? error.message : '下载失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} {...props} loading={busy} onClick={() => void run()}>
      {children}
    </Button>
  );
}
