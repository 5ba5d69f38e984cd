import { Typography } from 'antd';

/** A file's SM3 digest: its first 16 hex digits, the whole on hover and to copy. */
export function Sm3Digest({ sm3 }: { sm3: string }) {
  return (
    <Typography.Text code copyable={{ text: sm3 }} title={sm3}>
      {sm3.slice(0, 16)}…
    </Typography.Text>
  );
}
