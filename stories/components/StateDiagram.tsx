interface Box {
  x: number;
  y: number;
  title: string;
  note: string;
  tone: keyof typeof TONES;
}

const W = 130;
const H = 56;
const TONES = {
  neutral: { fill: '#f4f5f7', stroke: '#c8ced8', text: '#1d2330' },
  accent: { fill: '#eef0ff', stroke: '#a5a0f5', text: '#2e2899' },
  good: { fill: '#e7f6ef', stroke: '#8fd0b4', text: '#0b5e43' },
  bad: { fill: '#fff3f1', stroke: '#efaaa1', text: '#8f231a' },
} as const;

const MID = 110;
const idle: Box = { x: 10, y: MID, title: 'idle', note: 'no job ids', tone: 'neutral' };
const pending: Box = { x: 250, y: MID, title: 'pending', note: 'no rows yet', tone: 'accent' };
const partial: Box = { x: 490, y: MID, title: 'partial', note: 'some jobs have rows', tone: 'accent' };
const success: Box = { x: 730, y: 24, title: 'success', note: 'every job terminal', tone: 'good' };
const failure: Box = { x: 730, y: 196, title: 'error', note: 'request failed', tone: 'bad' };
const boxes = [idle, pending, partial, success, failure];

const right = (b: Box) => b.x + W;
const centreY = (b: Box) => b.y + H / 2;
const centreX = (b: Box) => b.x + W / 2;

interface Edge {
  d: string;
  label: string;
  lx: number;
  ly: number;
}

const edges: Edge[] = [
  {
    d: `M ${right(idle)} ${centreY(idle)} H ${pending.x - 4}`,
    label: 'ids given',
    lx: (right(idle) + pending.x) / 2,
    ly: centreY(idle) - 8,
  },
  {
    d: `M ${right(pending)} ${centreY(pending)} H ${partial.x - 4}`,
    label: 'a job finishes',
    lx: (right(pending) + partial.x) / 2,
    ly: centreY(pending) - 8,
  },
  { d: `M ${right(partial)} ${partial.y + 14} L ${success.x - 4} ${centreY(success) + 6}`, label: 'all done', lx: 690, ly: 100 },
  {
    d: `M ${right(partial)} ${partial.y + H - 14} L ${failure.x - 4} ${centreY(failure) - 6}`,
    label: 'request fails',
    lx: 700,
    ly: 186,
  },
  {
    d: `M ${centreX(pending)} ${pending.y} C ${centreX(pending)} 40, 600 ${centreY(success) - 6}, ${success.x - 4} ${centreY(success) - 6}`,
    label: 'all done in one answer',
    lx: 470,
    ly: 36,
  },
  {
    d: `M ${centreX(pending)} ${pending.y + H} C ${centreX(pending)} 238, 600 ${centreY(failure) + 6}, ${failure.x - 4} ${centreY(failure) + 6}`,
    label: 'HTTP error, bad response, maxWaitMs',
    lx: 470,
    ly: 262,
  },
];

const label = { fontSize: 12, fill: '#667085' } as const;

/** The hook's states as an SVG diagram, for the docs page. */
export function StateDiagram() {
  return (
    <svg
      viewBox="0 0 870 272"
      width="100%"
      role="img"
      aria-label="useQueryResults states: idle, pending, partial, success, error"
      style={{ fontFamily: "'Nunito Sans', -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif", maxWidth: 870 }}
    >
      <defs>
        <marker id="oq-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#667085" />
        </marker>
      </defs>
      {edges.map((edge) => (
        <g key={edge.d}>
          <path d={edge.d} fill="none" stroke="#98a2b3" strokeWidth={1.5} markerEnd="url(#oq-arrow)" />
          <text x={edge.lx} y={edge.ly} textAnchor="middle" style={label}>
            {edge.label}
          </text>
        </g>
      ))}
      {boxes.map((box) => {
        const tone = TONES[box.tone];
        return (
          <g key={box.title}>
            <rect x={box.x} y={box.y} width={W} height={H} rx={10} fill={tone.fill} stroke={tone.stroke} />
            <text x={centreX(box)} y={box.y + 24} textAnchor="middle" style={{ fontSize: 15, fontWeight: 650, fill: tone.text }}>
              {box.title}
            </text>
            <text x={centreX(box)} y={box.y + 42} textAnchor="middle" style={{ fontSize: 11, fill: tone.text }}>
              {box.note}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
