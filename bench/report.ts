/**
 * The verification figures of one run, as ratios against the goals, written to
 * docs/benchmarks.md with an SVG chart drawn here (bench/baseline.ts checks them against the
 * committed baseline).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { ALGORITHMS, type CeremonyFigures } from './ceremony';
import type { HandlerFigures } from './http-verify';
import { chart } from './report-chart';

/** A ratio, which way is better, and the goal it answers (if any). */
interface Ratio {
  value: number;
  better: 'higher' | 'lower';
  goal?: { limit: number; text: string };
}

/** The ratios of a run, by name. */
export function ratios(c: CeremonyFigures, h: HandlerFigures): Record<string, Ratio> {
  const out: Record<string, Ratio> = {};
  for (const a of ALGORITHMS) {
    const f = c.signIn[a];
    out[`sign-in ${a}: SDK / bare throughput`] = {
      value: f.sdk / f.bare,
      better: 'higher',
      goal: { limit: 3, text: '≥ 3×' },
    };
    out[`sign-in ${a}: node entry / WebCrypto entry throughput`] = { value: f.sdk / f.web, better: 'higher' };
    out[`sign-in ${a}: SDK cost / raw crypto.verify cost`] = {
      value: f.raw / f.sdk,
      better: 'lower',
      goal: { limit: 2, text: '≤ 2×' },
    };
  }
  for (const fmt of ['none', 'packed'] as const) {
    const f = c.registration[fmt];
    const goal = fmt === 'none' ? { goal: { limit: 1, text: '≤ 1.0×' } } : {};
    out[`registration (${fmt}): SDK cost / bare cost`] = { value: f.bare / f.sdk, better: 'lower', ...goal };
  }
  out['HTTP login/verify / in process, per server CPU-second'] = {
    value: h.httpPerCpu / h.inProcessPerCpu,
    better: 'higher',
  };
  out['HTTP login/verify / in process'] = {
    value: h.http / h.inProcess,
    better: 'higher',
    goal: { limit: 0.7, text: '≥ 0.7×' },
  };
  return out;
}

const met = (r: Ratio) =>
  r.goal === undefined
    ? ''
    : (r.better === 'higher' ? r.value >= r.goal.limit : r.value <= r.goal.limit)
      ? 'met'
      : 'not met';

/** The machine, in one line, for a report's section. */
export function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}; load average at the end ${load}`;
}

const DOC = new URL('../docs/benchmarks.md', import.meta.url);
const START = '<!-- verification: written by pnpm bench (bench/report.ts) -->';
const END = '<!-- end of verification -->';

/**
 * Replaces one benchmark's section of docs/benchmarks.md, from its `start` marker to its `end`
 * marker (both part of `section`); other sections are other benchmarks'.
 */
export function writeSection(section: string, startMarker = START, endMarker = END): void {
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n\n';
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start >= 0 && end > start) {
    writeFileSync(DOC, doc.slice(0, start) + section + doc.slice(end + endMarker.length));
    return;
  }
  // A new section goes right after the title and its first paragraph.
  const intro = /^# [^\n]*\n\n(?:[^\n]+\n)*\n/.exec(doc)?.[0] ?? doc;
  writeFileSync(DOC, `${intro}${section}\n\n${doc.slice(intro.length)}`);
}

/** Writes its section of docs/benchmarks.md, and docs/benchmarks.svg, from one run's figures. */
export function writeReport(c: CeremonyFigures, h: HandlerFigures): void {
  const r = ratios(c, h);
  const ops = (n: number) => Math.round(n).toLocaleString('en-US');
  const lines = [
    START,
    '## Verification: sign-in, registration, HTTP',
    '',
    'Written by `pnpm bench` (bench/report.ts) from one run: every figure in this section was measured in',
    'the same process, minutes apart, on this machine. Run by hand, never in CI; `pnpm bench --check`',
    'compares the ratios with bench/baseline.json.',
    '',
    `Machine: ${machine()}.`,
    '',
    'The SDK is the package as a Node app gets it (its `node` export condition), on memory stores.',
    'Each figure is the median of several rounds; within a round the contenders run interleaved, call by',
    'call, so a burst of load on a shared machine hits them alike.',
    '',
    '![Operations per second](benchmarks.svg)',
    '',
    '### Sign-in verification (operations per second)',
    '',
    '| algorithm | `finishAuthentication` | the same, default (WebCrypto) entry | bare `verifyAuthenticationResponse` | raw `crypto.verify` (key imported) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...ALGORITHMS.map(
      (a) =>
        `| ${a} | ${ops(c.signIn[a].sdk)} | ${ops(c.signIn[a].web)} | ${ops(c.signIn[a].bare)} | ${ops(c.signIn[a].raw)} |`,
    ),
    '',
    '### Registration (operations per second)',
    '',
    '| attestation | `finishRegistration` | bare `verifyRegistrationResponse` |',
    '| --- | ---: | ---: |',
    ...(['none', 'packed'] as const).map(
      (f) => `| ${f} | ${ops(c.registration[f].sdk)} | ${ops(c.registration[f].bare)} |`,
    ),
    '',
    '`finishRegistration` also takes the ceremony and stores the passkey. A `packed` (or any other',
    'non-`none`) statement is verified by SimpleWebAuthn, which reads the response again itself: its',
    'per-format verifiers are not exported.',
    '',
    '### HTTP (requests per second)',
    '',
    '| `POST login/verify` | req/s | req per CPU-second of the server process |',
    '| --- | ---: | ---: |',
    `| the handler called in process | ${ops(h.inProcess)} | ${ops(h.inProcessPerCpu)} |`,
    `| over loopback HTTP (node:http, the package's \`./node\` adapter), autocannon in a second process | ${ops(h.http)} | ${ops(h.httpPerCpu)} |`,
    '',
    '### Ratios and goals',
    '',
    '| ratio | value | goal | |',
    '| --- | ---: | --- | --- |',
    ...Object.entries(r).map(
      ([name, x]) => `| ${name} | ${x.value.toFixed(2)}× | ${x.goal?.text ?? ''} | ${met(x)} |`,
    ),
    '',
    'What bounds them: no verifier can beat its own signature check, so the SDK / bare ratio of an',
    `algorithm cannot exceed raw / bare — here ${ALGORITHMS.map((a) => `${a} ${(c.signIn[a].raw / c.signIn[a].bare).toFixed(2)}×`).join(', ')}.`,
    'Over HTTP, the load generator runs on the same cores as the server, and node:http, the adapter and',
    'the Fetch body stream add their own work per request.',
    END,
  ];
  writeSection(lines.join('\n'));
  writeFileSync(new URL('../docs/benchmarks.svg', import.meta.url), chart(c, h));
  console.table(
    Object.entries(r).map(([name, x]) => ({
      ratio: name,
      value: x.value.toFixed(2),
      goal: x.goal?.text ?? '',
      '': met(x),
    })),
  );
}
