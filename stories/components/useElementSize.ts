import { useLayoutEffect, useRef, useState } from 'react';

/** Width and height of an element's content box in CSS pixels. */
export interface ElementSize {
  width: number;
  height: number;
}

/**
 * The size of an element, kept current with a ResizeObserver. Measured before the first paint, so a chart
 * never flashes at the `fallback` size; `fallback` only serves the very first render.
 */
export function useElementSize<E extends HTMLElement>(fallback: ElementSize) {
  const ref = useRef<E>(null);
  const [size, setSize] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (width: number, height: number) =>
      setSize((previous) => {
        const next = { width: Math.floor(width), height: Math.floor(height) };
        return previous.width === next.width && previous.height === next.height ? previous : next;
      });
    update(element.clientWidth, element.clientHeight);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) update(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}
