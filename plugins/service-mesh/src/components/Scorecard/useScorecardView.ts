import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import {
  parseScorecardUrlState,
  ScorecardViewState,
  writeScorecardUrlState,
} from './scorecardUrlState';

export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The view in the URL's query string. Changes replace the history entry,
 * so Back leaves the page instead of undoing filters one by one, and the
 * entry left behind holds the latest view.
 */
export function useScorecardView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseScorecardUrlState(params), [params]);
  const update = useCallback(
    (change: (current: ScorecardViewState) => ScorecardViewState) =>
      setParams(
        current =>
          writeScorecardUrlState(
            change(parseScorecardUrlState(current)),
            current,
          ),
        { replace: true },
      ),
    [setParams],
  );
  return [view, update] as const;
}

/**
 * The search box's text, written to the URL once typing pauses; it follows
 * the URL when that changes otherwise (a link, Back).
 */
export function useSearchText(
  urlQ: string,
  writeQ: (q: string) => void,
): [string, (q: string) => void] {
  const [text, setText] = useState(urlQ);
  const written = useRef(urlQ);
  useEffect(() => {
    if (urlQ !== written.current) {
      written.current = urlQ;
      setText(urlQ);
    }
  }, [urlQ]);
  useDebounce(
    () => {
      if (text !== written.current) {
        written.current = text;
        writeQ(text);
      }
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );
  return [text, setText];
}
