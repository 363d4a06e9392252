import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type VirtualItem,
  Virtualizer,
} from '@tanstack/virtual-core';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';

interface Props {
  count: number;
  rowHeight: number;
  /** Called with the visible range whenever it changes (to fetch rows). */
  onRange: (start: number, end: number) => void;
  row: (index: number) => ComponentChildren;
  label: string;
}

/**
 * A scrolling list that renders only the rows in view (TanStack Virtual's core, bound to Preact here):
 * a million rows cost the DOM a few dozen elements.
 */
export function VirtualList({ count, rowHeight, onRange, row, label }: Props) {
  const scroller = useRef<HTMLElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const rangeRef = useRef(onRange);
  rangeRef.current = onRange;
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLElement, HTMLDivElement>({
        count,
        getScrollElement: () => scroller.current,
        estimateSize: () => rowHeight,
        overscan: 10,
        observeElementRect,
        observeElementOffset,
        scrollToFn: elementScroll,
        onChange: () => rerender(0),
      }),
  );
  virtualizer.setOptions({ ...virtualizer.options, count });
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());

  const items: VirtualItem[] = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useLayoutEffect(() => {
    if (count > 0) rangeRef.current(first, last + 1);
  }, [first, last, count]);

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling region must be reachable by keyboard (axe: scrollable-region-focusable)
    <section ref={scroller} class="vlist" tabIndex={0} aria-label={label}>
      <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
        {items.map((item) => (
          <div
            key={item.key}
            class="vrow"
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              height: `${rowHeight}px`,
              transform: `translateY(${item.start}px)`,
            }}
          >
            {row(item.index)}
          </div>
        ))}
      </div>
    </section>
  );
}
