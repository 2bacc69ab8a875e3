/**
 * The TypeScript samples of one Markdown document: every fenced block whose info string is `ts`
 * or `typescript`, with the line its code starts on. A block right after
 * `<!-- not checked: reason -->` is listed with that reason and left out of the check (for true
 * fragments only); one right after `<!-- excerpt: path/to/file.ts -->` is a piece of that file
 * (which its package type-checks), held to be the file's own lines.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: true });
const LANGUAGES = new Set(['ts', 'typescript']);
const OPT_OUT = /^<!--\s*not checked:\s*(\S[\s\S]*?)\s*-->$/;
const EXCERPT = /^<!--\s*excerpt:\s*(\S+)\s*-->$/;

/** One fenced TypeScript block. */
export interface Sample {
  /** 1-based line of the block's first line of code. */
  line: number;
  code: string;
  /** The opt-out reason, or null when the block is checked. */
  skip: string | null;
  /** For an excerpt, the file (relative to the repository's root) it is taken from. */
  excerptOf?: string;
}

/** The TypeScript samples of a Markdown text, in order. */
export function extractSamples(text: string): Sample[] {
  const tokens = md.parse(text, {});
  const samples: Sample[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'fence' || !LANGUAGES.has(token.info.trim().split(/\s+/)[0] ?? '')) return;
    const before = tokens[i - 1];
    const comment = before?.type === 'html_block' ? before.content.trim() : '';
    // token.map is [first line, line after] of the fence, 0-based: its code starts a line later.
    const sample: Sample = {
      line: (token.map?.[0] ?? 0) + 2,
      code: token.content,
      skip: OPT_OUT.exec(comment)?.[1] ?? null,
    };
    const excerptOf = EXCERPT.exec(comment)?.[1];
    samples.push(excerptOf ? { ...sample, excerptOf } : sample);
  });
  return samples;
}

/**
 * Whether `excerpt` is `file`'s own lines: each run of lines between `// …` markers appears in the
 * file, in order, line for line (indentation aside). Returns the first run that does not.
 */
export function missingFromFile(excerpt: string, file: string): string | null {
  const lines = (text: string) => text.split('\n').map((l) => l.trim());
  const source = lines(file);
  const runs = excerpt
    .split(/^\s*\/\/ …\s*$/m)
    .map((run) => lines(run.trim()))
    .filter((run) => run.join('') !== '');
  let from = 0;
  for (const run of runs) {
    let at = -1;
    for (let i = from; i + run.length <= source.length && at < 0; i++) {
      if (run.every((line, j) => source[i + j] === line)) at = i;
    }
    if (at < 0) return run.join('\n');
    from = at + run.length;
  }
  return null;
}
