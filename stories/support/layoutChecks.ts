/**
 * Layout and legibility checks for `play` functions: what a person would notice by eye (text on text, a
 * page wider than the phone, grey on white too faint to read), turned into numbers a test can assert.
 */

/** The label of an element in a failure message: its text, shortened. */
function describe(element: Element): string {
  const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text || `<${element.tagName.toLowerCase()}>`;
}

function intersects(a: DOMRect, b: DOMRect, tolerance: number): boolean {
  return (
    a.left < b.right - tolerance && b.left < a.right - tolerance && a.top < b.bottom - tolerance && b.top < a.bottom - tolerance
  );
}

/** Pairs of elements whose boxes overlap (by more than `tolerance` px), as "text ↔ text". `[]` when none do. */
export function overlappingPairs(elements: readonly Element[], tolerance = 0.5): string[] {
  const boxes = elements.map((element) => ({ element, box: element.getBoundingClientRect() }));
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (intersects(a.box, b.box, tolerance)) pairs.push(`${describe(a.element)} ↔ ${describe(b.element)}`);
    }
  }
  return pairs;
}

/** Elements that stick out of `container`'s box horizontally (by more than `tolerance` px). `[]` when none do. */
export function sticksOut(container: Element, elements: readonly Element[], tolerance = 0.5): string[] {
  const outer = container.getBoundingClientRect();
  return elements
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.left < outer.left - tolerance || box.right > outer.right + tolerance;
    })
    .map(describe);
}

/** How many px `element`'s content is wider than its box: `0` when nothing makes it scroll sideways. */
export function horizontalOverflow(element: HTMLElement): number {
  return Math.max(0, element.scrollWidth - element.clientWidth);
}

/** The nearest ancestor that clips what overflows it (a scroll area), or `undefined`. */
function clippingAncestor(element: Element): Element | undefined {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowX } = getComputedStyle(node);
    if (overflowX !== 'visible') return node;
  }
  return undefined;
}

/**
 * Column labels a reader cannot read whole where they are shown, as "label: why". A label is a visible
 * header cell, or, in a table shown as cards, the label line of a cell (`data-label`). It is clipped when
 * it reaches past the visible box of the area it scrolls in (a header half off-screen, "Ord…" at the
 * edge), or when its own text is cut (its content wider than its box). Headers that are only visually
 * hidden (in a 1 px box, for screen readers) are skipped. `[]` when every label reads whole.
 */
export function clippedHeaders(root: Element, tolerance = 0.5): string[] {
  const labels = [...root.querySelectorAll<HTMLElement>('th, [role="columnheader"], [role="cell"][data-label], td[data-label]')];
  const clipped: string[] = [];
  for (const label of labels) {
    const box = label.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || getComputedStyle(label).visibility !== 'visible') continue;
    const name = label.dataset['label'] ?? describe(label);
    const clip = clippingAncestor(label)?.getBoundingClientRect();
    // Inside a visually hidden box (the header row of a table shown as cards): for screen readers only.
    if (clip && (clip.width <= 1 || clip.height <= 1)) continue;
    if (clip && (box.left < clip.left - tolerance || box.right > clip.right + tolerance)) {
      clipped.push(
        `${name}: ${Math.round(box.left - clip.left)}…${Math.round(box.right - clip.left)} px in a ${Math.round(clip.width)} px area`,
      );
    } else if (label.scrollWidth > label.clientWidth + 1) {
      clipped.push(`${name}: text ${label.scrollWidth} px in a ${label.clientWidth} px cell`);
    }
  }
  return clipped;
}

/** The border-box heights of a page's tiles, by title. */
export function tileHeights(root: ParentNode): Record<string, number> {
  const heights: Record<string, number> = {};
  for (const card of root.querySelectorAll<HTMLElement>('section.oq-card')) {
    heights[card.getAttribute('aria-label') ?? '?'] = card.getBoundingClientRect().height;
  }
  return heights;
}

/** Titles of tiles whose height differs from `before` by more than `tolerance` px, with both heights. */
export function changedHeights(before: Record<string, number>, after: Record<string, number>, tolerance = 1): string[] {
  return Object.keys(before)
    .filter((title) => Math.abs((after[title] ?? -1) - (before[title] ?? 0)) > tolerance)
    .map((title) => `${title}: ${before[title]} → ${after[title]}`);
}

type Rgba = [number, number, number, number];

/** Parses the colours `getComputedStyle` returns: `rgb()`, `rgba()` and `color(srgb …)`. */
function parseColor(value: string): Rgba | undefined {
  const numbers = value.match(/[\d.]+/g)?.map(Number);
  if (!numbers) return undefined;
  if (value.startsWith('rgb')) {
    const [r = 0, g = 0, b = 0, a = 1] = numbers;
    return [r, g, b, a];
  }
  if (value.startsWith('color(srgb')) {
    const [r = 0, g = 0, b = 0, a = 1] = numbers;
    return [r * 255, g * 255, b * 255, a];
  }
  return undefined;
}

function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The opaque colour behind `element`: its own and its ancestors' background colours, stacked. */
function backgroundOf(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = element; node; node = node.parentElement) {
    const color = parseColor(getComputedStyle(node).backgroundColor);
    if (color && color[3] > 0) {
      layers.push(color);
      if (color[3] >= 1) break;
    }
  }
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

function opacityOf(element: Element): number {
  let opacity = 1;
  for (let node: Element | null = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
  return opacity;
}

const hex = ([r, g, b]: Rgba) => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * Every piece of visible text under `root` whose contrast with what is behind it is below `minimum`, as
 * "text: #fg on #bg = 2.58". Reads the colour (`fill` for SVG text), the opacity of the element and its
 * ancestors, and the stacked background colours; background images are not looked at. `[]` when all pass.
 */
export function contrastFailures(root: Element, minimum = 4.5): string[] {
  const failures: string[] = [];
  const elements = [root, ...root.querySelectorAll('*')];
  for (const element of elements) {
    const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
    if (!ownText || element.closest('title, style, script')) continue;
    // Closed <details> content, display: none and the like have no boxes.
    if (element.getClientRects().length === 0) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible') continue;
    const foreground = parseColor(element instanceof SVGElement ? style.fill : style.color);
    if (!foreground) {
      failures.push(`${describe(element)}: unreadable colour ${style.color}`);
      continue;
    }
    const background = backgroundOf(element);
    const text = over([foreground[0], foreground[1], foreground[2], foreground[3] * opacityOf(element)], background);
    const ratio = contrastRatio(text, background);
    if (ratio < minimum) failures.push(`${describe(element)}: ${hex(text)} on ${hex(background)} = ${ratio.toFixed(2)}`);
  }
  return failures;
}
