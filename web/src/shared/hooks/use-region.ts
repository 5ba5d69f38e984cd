import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useUser } from '../../features/auth/session.tsx';

export const REGION_PARAM = 'region';

/** The region a page shows: `?region=` when one was picked, else the user's own region. */
export function useRegionCode(): [string, (code: string) => void] {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (code: string) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (code === user.regionCode) next.delete(REGION_PARAM);
        else next.set(REGION_PARAM, code);
        return next;
      }),
    [setParams, user.regionCode],
  );
  return [params.get(REGION_PARAM) || user.regionCode, set];
}
