/**
 * The body of the README section whose `## ` heading starts with `heading` (without the heading line), up
 * to the next `## ` heading outside a code fence. The docs page shows the README's quick start through
 * this, so the two can never differ.
 *
 * @throws Error when the README has no such section, so a renamed heading shows on the docs page.
 */
export function readmeSection(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## ${heading}`));
  if (start === -1) throw new Error(`README.md has no "## ${heading}" section`);
  let inFence = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && /^#{1,2} /.test(line)) {
      end = i;
      break;
    }
  }
  return lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
}
