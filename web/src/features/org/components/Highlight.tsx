import { highlightRuns } from '../../../shared/pinyin-search.ts';

/** Text with the matched characters marked. */
export function Highlight({ text, indices }: { text: string; indices: readonly number[] | undefined }) {
  if (!indices || indices.length === 0) return <>{text}</>;
  return (
    <>
      {highlightRuns(text, indices).map((run, i) =>
        run.hit ? (
          <mark key={i} style={{ padding: 0, background: '#ffe58f' }}>
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </>
  );
}
