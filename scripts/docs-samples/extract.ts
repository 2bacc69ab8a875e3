/**
 * The TypeScript samples of one Markdown document: every fenced block whose info string is `ts`
 * or `typescript`, with the line its code starts on. A block right after
 * `<!-- not checked: reason -->` is listed with that reason and left out of the check (for true
 * fragments only).
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: true });
const LANGUAGES = new Set(['ts', 'typescript']);
const OPT_OUT = /^<!--\s*not checked:\s*(\S[\s\S]*?)\s*-->$/;

/** One fenced TypeScript block. */
export interface Sample {
  /** 1-based line of the block's first line of code. */
  line: number;
  code: string;
  /** The opt-out reason, or null when the block is checked. */
  skip: string | null;
}

/** The TypeScript samples of a Markdown text, in order. */
export function extractSamples(text: string): Sample[] {
  const tokens = md.parse(text, {});
  const samples: Sample[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'fence' || !LANGUAGES.has(token.info.trim().split(/\s+/)[0] ?? '')) return;
    const before = tokens[i - 1];
    const optOut = before?.type === 'html_block' ? OPT_OUT.exec(before.content.trim()) : null;
    // token.map is [first line, line after] of the fence, 0-based: its code starts a line later.
    samples.push({ line: (token.map?.[0] ?? 0) + 2, code: token.content, skip: optOut?.[1] ?? null });
  });
  return samples;
}
