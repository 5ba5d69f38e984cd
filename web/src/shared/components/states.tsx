import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, isForbidden, isNotProvided } from '../api/client.ts';

/** 403: the role may not see this; said plainly, not as a failure. */
export function Forbidden({ detail }: { detail?: string }) {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={detail ?? '您的角色无权查看此页面或数据。如需访问，请联系安全管理员授予相应角色。'}
    />
  );
}

/** The server does not offer this API yet: the page says so instead of failing. */
export function NotProvided({ what }: { what?: string }) {
  return (
    <Result
      status="info"
      title="接口尚未提供"
      subTitle={`${what ?? '此功能'}所需的服务端接口尚未提供，升级服务端后即可使用。`}
    />
  );
}

export function NotFoundResult({ title = '页面不存在', detail }: { title?: string; detail?: string }) {
  return <Result status="404" title={title} subTitle={detail ?? '请检查地址是否正确。'} />;
}

export function ErrorResult({
  error,
  onRetry,
  what,
}: {
  error: unknown;
  onRetry?: () => void;
  what?: string;
}) {
  if (isForbidden(error)) return <Forbidden detail={error instanceof ApiError ? error.message : undefined} />;
  if (isNotProvided(error)) return <NotProvided what={what} />;
  if (error instanceof ApiError && error.status === 404)
    return <NotFoundResult title="未找到" detail={error.message} />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title="加载失败"
      subTitle={message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

export function Loading({ rows = 6 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} />;
}

export function Nothing({ description = '暂无数据' }: { description?: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}

/**
 * A query's three states in one place: a skeleton while loading, a result page for an error
 * (无权访问, 接口尚未提供, or the server's message), and the content once the data is there.
 */
export function QueryState<T>({
  query,
  what,
  rows,
  children,
}: {
  query: UseQueryResult<T>;
  what?: string;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading rows={rows} />;
  if (query.isError)
    return <ErrorResult error={query.error} what={what} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
