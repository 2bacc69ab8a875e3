/** The SVG chart of docs/benchmarks.md, drawn by hand: horizontal bars of operations per second. */
import { ALGORITHMS, type CeremonyFigures } from './ceremony';
import type { HandlerFigures } from './http-verify';

const COLORS = {
  'SDK on WebCrypto': '#9bbcf0',
  SDK: '#2f6fdd',
  'bare SimpleWebAuthn': '#d9822b',
  'raw crypto.verify': '#7a7a7a',
  HTTP: '#2f9e6e',
};
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** One group of bars: a label and its contenders' values. */
interface Group {
  label: string;
  bars: Array<{ name: keyof typeof COLORS; value: number; text?: string }>;
}

export function chart(c: CeremonyFigures, h: HandlerFigures): string {
  const groups: Group[] = [
    ...ALGORITHMS.map((a) => ({
      label: `sign-in ${a}`,
      bars: [
        { name: 'SDK' as const, value: c.signIn[a].sdk },
        { name: 'SDK on WebCrypto' as const, value: c.signIn[a].web },
        { name: 'bare SimpleWebAuthn' as const, value: c.signIn[a].bare },
        { name: 'raw crypto.verify' as const, value: c.signIn[a].raw },
      ],
    })),
    ...(['none', 'packed'] as const).map((f) => ({
      label: `registration (${f})`,
      bars: [
        { name: 'SDK' as const, value: c.registration[f].sdk },
        { name: 'bare SimpleWebAuthn' as const, value: c.registration[f].bare },
      ],
    })),
    {
      label: 'login/verify',
      bars: [
        { name: 'SDK' as const, value: h.inProcess, text: 'in process' },
        { name: 'HTTP' as const, value: h.http, text: 'over HTTP' },
      ],
    },
  ];
  const max = Math.max(...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const left = 170;
  const width = 760;
  const barHeight = 14;
  const scale = (v: number) => ((width - left - 90) * v) / max;
  let y = 40;
  const parts: string[] = [];
  for (const g of groups) {
    parts.push(`<text x="8" y="${y + 11}" font-weight="bold">${xmlText(g.label)}</text>`);
    for (const b of g.bars) {
      const w = Math.max(1, scale(b.value));
      parts.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${COLORS[b.name]}"/>`,
      );
      const label = `${Math.round(b.value).toLocaleString('en-US')}/s${b.text ? ` (${b.text})` : ''}`;
      parts.push(`<text x="${(left + w + 6).toFixed(1)}" y="${y + 11}">${xmlText(label)}</text>`);
      y += barHeight + 3;
    }
    y += 12;
  }
  const legend = Object.entries(COLORS)
    .map(
      ([name, color], i) =>
        `<rect x="${8 + i * 150}" y="10" width="12" height="12" fill="${color}"/><text x="${24 + i * 150}" y="21">${xmlText(name)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="sans-serif" font-size="12" role="img">`,
    '<title>Sign-in verifications per second: the SDK, bare SimpleWebAuthn and a raw signature check</title>',
    `<rect width="100%" height="100%" fill="white"/>`,
    legend,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
