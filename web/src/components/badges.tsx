import type { Confidence } from '../../../shared/rules/index.js';
import { useSpeaker } from '../i18n.js';

/** How sure a cited rule is: confirmed, secondary source, unverified or contested. */
function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  const s = useSpeaker();
  return <span class={`badge conf-${confidence}`}>{s.tr(`web.confidence.${confidence}`)}</span>;
}

/** One cited reason: its text, where it comes from and how sure it is. */
export function ReasonItem({
  text,
  citation,
  confidence,
}: {
  text: string;
  citation?: string;
  confidence?: Confidence;
}) {
  const s = useSpeaker();
  return (
    <li class="reason">
      <p>{text}</p>
      {citation || confidence ? (
        <p class="cite">
          {citation ? (
            <>
              <span class="muted">{s.tr('web.citation')}:</span> {citation}{' '}
            </>
          ) : null}
          {confidence ? <ConfidenceBadge confidence={confidence} /> : null}
        </p>
      ) : null}
    </li>
  );
}
