/**
 * Issue 15: a session resumed at any step writes the same document as an uninterrupted run. The
 * pastebin example runs once straight through; then, for every step it answered (approval too), a
 * session stopped before that step is resumed with the full answers file, and the document must
 * be byte-identical. A stopped session is made as the exit-code matrix makes one: the saved record
 * with the answers and decisions from that step on removed, unfinished, waiting at that step,
 * which is what the store holds after an interruption there (it saves after every answer).
 * Two resumes run at a time to keep the file fast on a shared machine.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tree } from '../support/tree.js';
import { SECRET_KEY } from './support/hostile.js';
import { assertBuilt, examplePath, runCli, tempDirs } from './support/run-cli.js';

const temp = tempDirs('hostile-resume');
const PASTEBIN = examplePath('pastebin');

interface SessionFile {
  id: string;
  finished: boolean;
  position: string;
  state: { answers: Record<string, unknown>; decisions: Record<string, unknown> };
}

let dir = '';
let expected = '';
let saved: SessionFile | undefined;
/** The steps the uninterrupted run recorded, in the order the session asks them. */
let steps: string[] = [];

beforeAll(async () => {
  assertBuilt();
  dir = temp.make();
  mkdirSync(join(dir, 'full'));
  const env = { ANTHROPIC_API_KEY: undefined };
  const full = await runCli(['design', '--answers', PASTEBIN, '--out', 'full', '--quiet'], { cwd: dir, env });
  expect(full.code, full.stderr).toBe(0);
  expected = readFileSync(join(dir, 'full', 'system_design.md'), 'utf8');
  const [name] = readdirSync(join(dir, 'state')).filter((file) => file.endsWith('.json'));
  saved = JSON.parse(readFileSync(join(dir, 'state', name ?? ''), 'utf8')) as SessionFile;
  const questions = await runCli(['questions', '--json'], { cwd: dir });
  const ids = (JSON.parse(questions.stdout) as { questions: { id: string }[] }).questions.map((q) => q.id);
  const recorded = new Set([...Object.keys(saved.state.answers), ...Object.keys(saved.state.decisions)]);
  steps = ids.filter((id) => recorded.has(id));
});
afterAll(() => {
  temp.removeAll();
});

/** Resumes a copy of the session stopped before `step`; returns the document it wrote. */
async function resumedAt(step: string): Promise<string> {
  if (!saved) throw new Error('no saved session');
  const from = steps.indexOf(step);
  const dropped = new Set(steps.slice(from));
  const keep = (records: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(records).filter(([id]) => !dropped.has(id)));
  const work = temp.make();
  mkdirSync(join(work, 'state'));
  mkdirSync(join(work, 'out'));
  const stopped: SessionFile = {
    ...saved,
    finished: false,
    position: step,
    state: { ...saved.state, answers: keep(saved.state.answers), decisions: keep(saved.state.decisions) },
  };
  writeFileSync(join(work, 'state', `${saved.id}.json`), `${JSON.stringify(stopped, null, 2)}\n`);
  const answers = readFileSync(PASTEBIN, 'utf8');
  writeFileSync(join(work, 'answers.yaml'), answers);
  const result = await runCli(['resume', saved.id, '--answers', 'answers.yaml', '--out', 'out', '--quiet'], {
    cwd: work,
    env: { ANTHROPIC_API_KEY: undefined },
  });
  expect(result.code, `${step}: ${result.stderr}`).toBe(0);
  expect(result.stderr).not.toContain(SECRET_KEY);
  // The answers file is read, never written; the session is finished; only out/ gained a document.
  expect(readFileSync(join(work, 'answers.yaml'), 'utf8')).toBe(answers);
  const record = JSON.parse(readFileSync(join(work, 'state', `${saved.id}.json`), 'utf8')) as SessionFile;
  expect(record.finished).toBe(true);
  expect(Object.keys(tree(join(work, 'out'))).filter((path) => !path.startsWith('.'))).toEqual([
    'system_design.md',
  ]);
  return readFileSync(join(work, 'out', 'system_design.md'), 'utf8');
}

describe('a pastebin session resumed at every step', () => {
  it('covers every step, approval included', () => {
    expect(steps.length).toBeGreaterThan(20);
    expect(steps).toContain('tradeoffs.consistency');
    expect(steps.at(-1)).toBe('approval');
  });

  it('writes the document of the uninterrupted run, byte for byte, at each step', async () => {
    const differing: string[] = [];
    const queue = [...steps];
    const worker = async (): Promise<void> => {
      for (let step = queue.shift(); step !== undefined; step = queue.shift()) {
        if ((await resumedAt(step)) !== expected) differing.push(step);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(differing).toEqual([]);
  }, 600_000);
});
