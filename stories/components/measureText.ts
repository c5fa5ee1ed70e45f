/** A generous average advance of a sans-serif character per px of font size, where text cannot be measured. */
const CHAR_WIDTH_PER_PX = 0.6;

let canvas: CanvasRenderingContext2D | null | undefined;

/**
 * The width in px of `text` set in the demo's font (`--oq-font`, or `--oq-mono` with `mono`) at `sizePx`
 * and `weight`, measured on a canvas (estimated where there is none). For layout decisions made before
 * the text is on screen: where chart labels go, whether a table's columns fit side by side.
 */
export function measureText(text: string, sizePx: number, { weight = 400, mono = false } = {}): number {
  canvas ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!canvas) return text.length * sizePx * CHAR_WIDTH_PER_PX;
  const family =
    getComputedStyle(document.documentElement)
      .getPropertyValue(mono ? '--oq-mono' : '--oq-font')
      .trim() || (mono ? 'monospace' : 'sans-serif');
  canvas.font = `${weight} ${sizePx}px ${family}`;
  return canvas.measureText(text).width;
}
