import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { AS_OF_PARAM, asOfFromSearch, pathWithAsOf, todayInChina } from '../as-of.ts';

export interface AsOf {
  /** The date every figure on the page is as of: the URL's `?asOf=`, or today. */
  asOf: string;
  today: string;
  isToday: boolean;
  setAsOf: (date: string | null) => void;
  /** An internal link that keeps the chosen date. */
  link: (path: string) => string;
}

export function useAsOf(): AsOf {
  const [params, setParams] = useSearchParams();
  const chosen = asOfFromSearch(params);
  const today = todayInChina();
  const asOf = chosen ?? today;
  const setAsOf = useCallback(
    (date: string | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (date === null || date === todayInChina()) next.delete(AS_OF_PARAM);
          else next.set(AS_OF_PARAM, date);
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );
  const link = useCallback((path: string) => pathWithAsOf(path, chosen), [chosen]);
  return useMemo(
    () => ({ asOf, today, isToday: asOf === today, setAsOf, link }),
    [asOf, today, setAsOf, link],
  );
}
