/**
 * User text placed into markdown cannot change a document's structure. The built CLI runs design
 * (with --adr), pipeline and interview sessions whose every free-text answer carries markdown and
 * HTML that would make a heading, open a fence or a comment, pass raw HTML or a `javascript:` link,
 * split a table row or start a list or quote. Each document is read back with marked's lexer and
 * compared with a control run of the same answers without the hostile text: the same headings at
 * the same depths, only the renderer's own code blocks, no HTML token, no unsafe link; then
 * markdownlint and Mermaid's real parser check it, and nothing outside --out and the state folder
 * changes.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked, type Tokens } from 'marked';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tree } from '../support/tree.js';
import { allTokens, shownText } from '../support/markdown-text.js';
import { expectPrintable } from './support/hostile.js';
import {
  assertBuilt,
  loadMermaid,
  markdownlint,
  mermaidBlocks,
  runCli,
  stackFrames,
  tempDirs,
} from './support/run-cli.js';

const temp = tempDirs('hostile-markdown');
let mermaid: Awaited<ReturnType<typeof loadMermaid>> | undefined;
beforeAll(async () => {
  assertBuilt();
  mermaid = await loadMermaid();
}, 60_000);
afterAll(() => {
  mermaid?.dispose();
  if (process.env.KEEP_TEMP === undefined) temp.removeAll();
});

/** Everything that would change a document's structure if it were written as it came. */
const HOSTILE =
  '## x ``` <!-- x <script>alert(1)</script> [x](javascript:alert(1)) | a | b | ~~~ <b> "q"; {y} &lt;';
/** Markers that act only at the start of a line. */
const LINE_STARTS = ['## ', '1. ', '- ', '> ', '```', '<!-- ', '---', '| a | b |', '<script>'];

/** The same in a title, which is at most 80 characters. */
const TITLE_HOSTILE = '``` <!-- <script>alert(1)</script> [x](javascript:alert(1))';

/**
 * Free text with the hostile markup after it, and the line-start marker `start` picks before it
 * (hostile), or the same words alone (control).
 */
interface Say {
  (words: string, start?: number): string;
  title(words: string): string;
}
const hostile: Say = Object.assign(
  (words: string, start?: number) =>
    `${start === undefined ? '' : (LINE_STARTS[start % LINE_STARTS.length] ?? '')}${words} ${HOSTILE}`,
  { title: (words: string) => `## ${words} ${TITLE_HOSTILE}` },
);
const control: Say = Object.assign((words: string) => words, { title: (words: string) => words });

function designAnswers(say: Say): unknown {
  return {
    version: 1,
    command: 'design',
    title: say.title('Pastebin'),
    scope: 'system',
    answers: {
      'requirements.functional': [
        say('A user pastes up to 1 MB of text and gets back a short URL within 200 ms.', 0),
        say('A visitor opens a short URL and sees the paste within 100 ms.', 1),
        say('An author sets an expiry and the system deletes expired pastes within a day.', 2),
        say('A visitor reads a paste by its URL within 100 ms.', 3),
        say('An author deletes a paste and it is gone within 1 s.', 4),
        say('A user lists their pastes within 200 ms.', 5),
        say('A visitor sees the raw text within 100 ms.', 6),
        say('A user copies a paste within 200 ms.', 7),
        say('A user searches their pastes within 300 ms.', 8),
      ],
      'requirements.scale': say('1M new pastes a day, 10x as many reads, growing 30% a year'),
      'requirements.latency': 'P50 30ms, P99 200ms',
      'requirements.availability': '99.9%',
      'requirements.consistency': say('eventual, a new paste readable within 1 s', 2),
      'requirements.durability': say('no acknowledged paste may be lost, RPO 0', 3),
      'requirements.team': '3 engineers',
      'estimation.users': '2M',
      'estimation.writes': '1M/day',
      'estimation.reads': '10:1',
      'estimation.write-size': '10KB',
      'estimation.retention': '5y',
      'estimation.peak-factor': 3,
      'estimation.replication': 3,
      'high-level.archetype': 'A',
      'high-level.access-key': 'short_code',
      'high-level.architecture': 'A',
      'high-level.datastore': `custom: ${say('FoundationDB store', 4)}`,
      'high-level.cache': 'A',
      'high-level.write-path': 'A',
      'deep-dive.focus': 'A',
      'tradeoffs.consistency': 'A',
      'operations.deployment': `custom: ${say('canary by hand', 5)}`,
      'operations.degradation': say(
        'Serve reads from the cache and read replicas; creation returns 503 with Retry-After',
        6,
      ),
      'operations.keep-findings': `unsized:datastore: ${say('we size it ourselves', 7)}`,
      approval: 'yes',
    },
  };
}

function pipelineAnswers(say: Say): unknown {
  // A component's name is at most 40 characters; a quoted one may hold any but the quote.
  const name = (words: string): string =>
    say === control ? `"${words}"` : `"## ${words} \`\`\` <!-- <i> [x](javascript:x)"`;
  return {
    version: 1,
    command: 'pipeline',
    title: say.title('Churn scoring'),
    answers: {
      'picture.workflow': say(
        "Every night we pull yesterday's subscriptions, payments and support tickets from the Snowflake warehouse and build customer features. Once a week we retrain a gradient-boosted churn model on the last 12 months and compare its AUC with the current model on a holdout month. Every Monday we score all 4M active customers and push the top 5% at risk to the CRM. We also want a dashboard of churn risk by segment. Today a data scientist runs all of it by hand from a notebook; two ML engineers will own the pipelines.",
      ),
      'picture.stage': 'prototype',
      'picture.team': 2,
      'classify.components': [
        `${name('feats')}: nightly: load yesterday's subscriptions ${say('from Snowflake', 1)} -> validate row counts and nulls -> compute customer features -> write the feature table ${say('x', 2)}`,
        `training: weekly: load 12 months of features and churn labels -> train a gradient-boosted model ${say('x', 3)} -> evaluate AUC against the production model on a holdout month -> register the new model version`,
        `${name('score')}: every Monday: load the production model and current features -> score all 4M active customers -> publish the top 5% at risk to the CRM ${say('x', 5)}`,
        `${name('dash')}: a Streamlit dashboard of churn risk by segment for the retention team`,
        `tuning: hyperparameter tuning sweeps over the model, later ${say('x', 7)}`,
      ],
      'classify.moves': 'none',
      'decompose.owners': 'one team',
      'decompose.orchestrator': say('Kubernetes, run by the platform team', 8),
      'mvp.choice': 'A',
      'review.open-questions': [
        say('Can the Kubernetes cluster read from Snowflake with a service account?', 0),
        say('Who owns the CRM export?', 1),
      ],
      approval: 'yes',
    },
  };
}

function interviewAnswers(say: Say): unknown {
  return {
    version: 1,
    command: 'interview',
    title: say.title('URL shortener'),
    answers: {
      'interview.problem': 'url-shortener',
      'interview.level': 'senior',
      'interview.requirements': [
        say(
          'Two behaviours: create a short link for a long URL, and redirect anyone who opens it to the original.',
          0,
        ),
        say('Questions first: how many links are created a day, and how often is each one read?', 1),
        say(
          'Non-functional: redirects must be fast (P99 under 50 ms) and highly available, around 99.99%.',
          2,
        ),
      ].join('\n'),
      'interview.estimation': [
        say('100M new links a month is about 39 writes/s on average, so about 120 writes/s at a 3x peak.', 3),
        say('Storage: 100M links x 500 B = 50 GB a month, about 3 TB over 5 years.', 4),
      ].join('\n'),
      'interview.high-level': [
        say(
          'Clients call a stateless API behind a load balancer: POST /links creates, GET /{key} redirects.',
          5,
        ),
        say(
          'The API writes key -> URL to a key-value store and reads the cache (Redis) first on redirect.',
          6,
        ),
      ].join('\n'),
      'interview.deep-dive': say(
        'Key generation is the hardest part: a counter encoded in base62, each server leasing a range of ids.',
        7,
      ),
      'interview.tradeoffs': say(
        'I chose 302 instead of 301 because 301 is cached by browsers and we would lose click counts.',
        8,
      ),
      'interview.operations': say(
        'SLOs: 99.99% of redirects succeed and P99 stays under 50 ms, with burn-rate alerts that page the on-call.',
        0,
      ),
      approval: 'yes',
    },
  };
}

interface Shape {
  /** Each heading as `##` marks and its shown text. */
  readonly headings: readonly string[];
  /** The language of each fenced block. */
  readonly fences: readonly string[];
}

/**
 * Reads a document with marked: asserts no HTML token and no link outside the web, mail, anchors
 * and relative paths, and returns its headings and fenced blocks.
 */
function shapeOf(markdown: string): Shape {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const tokens = allTokens(marked.lexer(body));
  expect(tokens.filter((token) => token.type === 'html').map((token) => token.raw)).toEqual([]);
  for (const token of tokens.filter((each) => each.type === 'link' || each.type === 'image'))
    expect((token as Tokens.Link).href).toMatch(
      /^(?:https?:\/\/|mailto:|#|docs\/decisions\/\d{4}-[a-z0-9-]+\.md$)/,
    );
  return {
    headings: tokens
      .filter((token): token is Tokens.Heading => token.type === 'heading')
      .map((heading) => `${'#'.repeat(heading.depth)} ${shownText(heading.text)}`),
    fences: tokens
      .filter((token): token is Tokens.Code => token.type === 'code')
      .map((code) => code.lang ?? ''),
  };
}

/** Heading depths and the renderer's fixed heading texts; user text inside a heading is compared apart. */
const depths = (shape: Shape): string[] => shape.headings.map((heading) => heading.replace(/ .*/, ''));

interface Run {
  readonly code: number;
  readonly stderr: string;
  readonly out: string;
  readonly documents: Readonly<Record<string, string>>;
  readonly outside: { readonly before: Record<string, string>; readonly after: Record<string, string> };
}

/** Runs one session on an answers file in a fresh folder; returns the documents written to --out. */
async function session(command: string, answers: unknown, extra: readonly string[] = []): Promise<Run> {
  const dir = temp.make();
  const out = join(dir, 'out');
  mkdirSync(out);
  mkdirSync(join(dir, 'inputs'));
  const file = join(dir, 'inputs', 'answers.yaml');
  writeFileSync(file, stringify(answers));
  const before = tree(join(dir, 'inputs'));
  const result = await runCli([command, '--answers', file, '--out', out, ...extra], { cwd: dir });
  const documents: Record<string, string> = {};
  const collect = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) collect(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith('.md'))
        documents[`${prefix}${entry.name}`] = readFileSync(join(folder, entry.name), 'utf8');
    }
  };
  collect(out, '');
  return {
    code: result.code,
    stderr: result.stderr,
    out,
    documents,
    outside: { before, after: tree(join(dir, 'inputs')) },
  };
}

/** The checks every hostile run passes, against the control run of the same answers. */
async function expectContained(
  run: Run,
  controlRun: Run,
  expectedDocuments: readonly string[],
): Promise<void> {
  expect(run.code, run.stderr).toBe(0);
  expect(controlRun.code, controlRun.stderr).toBe(0);
  expect(stackFrames(run.stderr)).toEqual([]);
  expectPrintable(expect, run.stderr, 'stderr');
  expect(run.outside.after).toEqual(run.outside.before);
  const names = Object.keys(run.documents).sort();
  // An ADR's file name carries its title: records are paired by their number.
  const numbered = (name: string): string => name.replace(/^(docs\/decisions\/\d{4})-.*$/, '$1');
  const controlNames = new Map(Object.keys(controlRun.documents).map((name) => [numbered(name), name]));
  expect(names.map(numbered)).toEqual([...controlNames.keys()].sort());
  for (const name of expectedDocuments) expect(names).toContain(name);
  for (const name of names) {
    const document = run.documents[name] ?? '';
    const shape = shapeOf(document);
    const controlShape = shapeOf(controlRun.documents[controlNames.get(numbered(name)) ?? ''] ?? '');
    expect(
      depths(shape),
      `${name}: heading depths of\n${shape.headings.join('\n')}\nagainst\n${controlShape.headings.join('\n')}`,
    ).toEqual(depths(controlShape));
    expect(shape.fences, `${name}: fenced blocks`).toEqual(controlShape.fences);
    // The hostile text reached the document, shown as written rather than dropped.
    expect(shownText(document.replace(/^---\n[\s\S]*?\n---\n/, '')), name).toContain(
      '<script>alert(1)</script>',
    );
  }
  const lint = await markdownlint(names, run.out);
  expect(lint.code, `markdownlint:\n${lint.stdout}${lint.stderr}`).toBe(0);
  for (const [name, document] of Object.entries(run.documents))
    for (const block of mermaidBlocks(document)) {
      await expect(mermaid?.mermaid.parse(block), `${name}: ${block}`).resolves.toBeTruthy();
    }
}

describe('user text in markdown is escaped for where it lands', () => {
  it('design --adr: the design document and every ADR keep their own structure', async () => {
    const [run, controlRun] = await Promise.all([
      session('design', designAnswers(hostile), ['--adr']),
      session('design', designAnswers(control), ['--adr']),
    ]);
    await expectContained(run, controlRun, ['system_design.md']);
    const design = run.documents['system_design.md'] ?? '';
    const shape = shapeOf(design);
    expect(shape.fences).toEqual(['text', 'mermaid']);
    expect(shape.headings[0]).toBe(`# System Design: ## Pastebin ${TITLE_HOSTILE}`);
    expect(
      Object.keys(run.documents).filter((name) => name.startsWith('docs/decisions/')).length,
    ).toBeGreaterThan(3);
    // The custom datastore's name is a heading of its own component, shown whole.
    expect(shape.headings).toContain(
      `#### ${LINE_STARTS[4] ?? ''}FoundationDB store ${HOSTILE}`
        .replace(/ +/g, ' ')
        // A heading is not a sentence: its trailing punctuation is dropped (MD026).
        .replace(/[.,;:!]+$/, ''),
    );
    // Each use case stays one list item, in the Functional list, shown as typed (the answers file
    // reads a leading "- " or "1. " of a list answer as its own list marker, so it is not shown).
    const functional = marked.lexer(design).find((token) => token.type === 'list') as Tokens.List;
    expect(functional.items.map((item) => shownText(item.text))).toEqual(
      (designAnswers(hostile) as { answers: Record<string, string[]> }).answers[
        'requirements.functional'
      ]?.map((text) => text.replace(/^(?:-|\d+\.) /, '').replace(/\s+/g, ' ')),
    );
  });

  it('pipeline: names, steps, the orchestrator and open questions keep their place', async () => {
    const [run, controlRun] = await Promise.all([
      session('pipeline', pipelineAnswers(hostile)),
      session('pipeline', pipelineAnswers(control)),
    ]);
    await expectContained(run, controlRun, ['pipeline_architecture.md']);
    const shape = shapeOf(run.documents['pipeline_architecture.md'] ?? '');
    expect(shape.fences).toEqual([]);
    expect(shape.headings[0]).toBe(`# Pipeline Architecture: ## Churn scoring ${TITLE_HOSTILE}`);
  });

  it("interview: the candidate's answers quoted as evidence stay inside their quotes", async () => {
    const [run, controlRun] = await Promise.all([
      session('interview', interviewAnswers(hostile)),
      session('interview', interviewAnswers(control)),
    ]);
    await expectContained(run, controlRun, ['interview_feedback.md']);
    const feedback = run.documents['interview_feedback.md'] ?? '';
    expect(shapeOf(feedback).fences).toEqual([]);
    expect(shownText(feedback)).toContain(`Session: ## URL shortener ${TITLE_HOSTILE}.`);
  });
});
