/**
 * `pipeline --answers`: both bundled examples render a deterministic pipeline_architecture.md that
 * passes its own lint and markdownlint; the CLI behaves as the design session does (validate,
 * questions, sessions, resume, --json with smells) and refuses a document that breaks the rules.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { lintPipelineDocument } from '../../src/render/pipeline-lint.js';
import {
  ROOT,
  assertBuilt,
  markdownlint,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
} from './support/run-cli.js';

const DOCUMENT = 'pipeline_architecture.md';
const EXAMPLES = ['pipeline-churn', 'pipeline-documents'] as const;
type Example = (typeof EXAMPLES)[number];
const examplePath = (name: Example): string => join(ROOT, 'examples', `${name}.yaml`);
const temp = tempDirs('pipeline');

interface Run {
  readonly dir: string;
  readonly first: CliResult;
  readonly second: CliResult;
  readonly json: CliResult;
  readonly out: string;
}
const runs = new Map<Example, Run>();
const runOf = (name: Example): Run => {
  const found = runs.get(name);
  if (!found) throw new Error(`no run for ${name}`);
  return found;
};
const documentOf = (name: Example): string => readFileSync(join(runOf(name).out, 'first', DOCUMENT), 'utf8');

beforeAll(async () => {
  assertBuilt();
  await Promise.all(
    EXAMPLES.map(async (name) => {
      const dir = temp.make();
      const out = join(dir, 'out');
      for (const sub of ['first', 'second', 'json']) mkdirSync(join(out, sub), { recursive: true });
      const run = (sub: string, ...extra: string[]): Promise<CliResult> =>
        runCli(['pipeline', '--answers', examplePath(name), '--out', join(out, sub), ...extra], { cwd: dir });
      const [first, second, json] = await Promise.all([run('first'), run('second'), run('json', '--json')]);
      runs.set(name, { dir, first, second, json, out });
    }),
  );
});

afterAll(() => {
  temp.removeAll();
});

describe.each(EXAMPLES)('pipeline --answers examples/%s.yaml', (name) => {
  it('writes the document, prints its path and nothing else on stdout', () => {
    const { first, out } = runOf(name);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`${join(out, 'first', DOCUMENT)}\n`);
  });

  it('renders the same bytes twice', () => {
    const { out } = runOf(name);
    expect(readFileSync(join(out, 'second', DOCUMENT), 'utf8')).toBe(documentOf(name));
  });

  it('passes its own lint: 80-150 lines, the sections in order, 1-3 open questions, no code or estimates', () => {
    const document = documentOf(name);
    expect(lintPipelineDocument(document)).toEqual([]);
    const lines = document.trimEnd().split('\n').length;
    expect(lines).toBeGreaterThanOrEqual(80);
    expect(lines).toBeLessThanOrEqual(150);
    expect(document).toMatch(/^### Pipeline 1: .+ \(MVP\)$/m);
    expect(document).toContain('Python 3.12');
  });

  it('passes markdownlint with the project configuration', async () => {
    const { dir, out } = runOf(name);
    const lint = await markdownlint([join(out, 'first', DOCUMENT)], dir);
    expect(lint.stdout).toContain('Summary: 0 error(s)');
    expect(lint.code).toBe(0);
  });

  it('matches its snapshot', async () => {
    await expect(documentOf(name)).toMatchFileSnapshot(`__snapshots__/${name}.${DOCUMENT}`);
  });

  it('--json prints one summary with the smells, the pipelines and the classification', () => {
    const { json } = runOf(name);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as {
      command: string;
      smells: { id: string; message: string }[];
      pipelines: { name: string; steps: number }[];
      classification: { component: string; bucket: string; rule: string }[];
      red_flags?: unknown;
    };
    expect(summary.command).toBe('pipeline');
    expect(summary.red_flags).toBeUndefined();
    expect(summary.pipelines.length).toBeGreaterThanOrEqual(2);
    for (const smell of summary.smells) expect(Object.keys(smell).sort()).toEqual(['id', 'message']);
    expect(new Set(summary.classification.map((item) => item.bucket))).toEqual(
      new Set([
        'pipeline',
        'not-a-pipeline',
        'defer',
        ...(name === 'pipeline-documents' ? ['deployed'] : []),
      ]),
    );
  });
});

describe('what the examples decide', () => {
  it('churn: training is the MVP, three batch pipelines, the dashboard, alerts and backfill go elsewhere', () => {
    const document = documentOf('pipeline-churn');
    expect(document).toMatch(/^### Pipeline 1: Training pipeline \(MVP\)$/m);
    expect(document).toMatch(/^### Pipeline 2: Data pipeline \(Phase 2\)$/m);
    expect(document).toMatch(/^### Pipeline 3: Batch inference pipeline \(Phase 3\)$/m);
    expect(document).toContain('| risk dashboard | Not a pipeline |');
    expect(document).toContain('| drift alerts | Not a pipeline |');
    expect(document).toContain('| backfill | Not a pipeline |');
    expect(document).toContain('| tuning | Defer |');
    expect(document).toContain('**Smells flagged**: none.');
    expect(runOf('pipeline-churn').first.stderr).toContain('3 pipeline(s); the MVP: Training pipeline.');
  });

  it('documents: the deployed endpoint is the MVP of a system already in production, and 40 GB crossing steps is a smell', () => {
    const document = documentOf('pipeline-documents');
    expect(document).toMatch(/^### Pipeline 1: Extraction endpoint \(MVP\)$/m);
    expect(document).toContain('| extraction | Deployed pipeline (HTTP endpoint) |');
    expect(document).toContain('Does Extraction endpoint meet its 2 s P99 with realistic payloads?');
    expect(document).toContain('| tests | Not a pipeline |');
    const { json } = runOf('pipeline-documents');
    const { smells } = JSON.parse(json.stdout) as { smells: { id: string }[] };
    expect(smells.map((smell) => smell.id)).toEqual(['large-data-across-steps']);
    expect(document).toContain('about 160 GB written per run');
    expect(runOf('pipeline-documents').first.stderr).toContain('Smell [large-data-across-steps]:');
  });
});

describe('the pipeline command behaves as the design session does', () => {
  let dir = '';
  beforeAll(() => {
    dir = temp.make();
  });

  const withAnswers = (edit: (answers: Record<string, unknown>) => void, file = 'edited.yaml'): string => {
    const parsed = parseYaml(readFileSync(examplePath('pipeline-churn'), 'utf8')) as {
      answers: Record<string, unknown>;
    };
    edit(parsed.answers);
    const path = join(dir, file);
    writeFileSync(path, stringify(parsed));
    return path;
  };

  it('validate prints the plan of a pipeline answers file', async () => {
    const result = await runCli(['validate', examplePath('pipeline-churn')], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('picture.workflow');
    expect(result.stdout).toContain('classify.table');
    expect(result.stdout).toMatch(/decompose\.pipelines\s+computed from the answers/);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('valid');
  });

  it('questions --command pipeline lists the interview, with defaults for the optional questions', async () => {
    const result = await runCli(['questions', '--command', 'pipeline', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const { command, questions } = JSON.parse(result.stdout) as {
      command: string;
      questions: { id: string; default?: string }[];
    };
    expect(command).toBe('pipeline');
    expect(questions.map((question) => question.id)).toEqual([
      'title',
      'picture.workflow',
      'picture.stage',
      'picture.team',
      'classify.components',
      'classify.latency',
      'classify.moves',
      'decompose.owners',
      'decompose.orchestrator',
      'mvp.choice',
      'review.open-questions',
      'approval',
    ]);
    expect(questions.find((question) => question.id === 'classify.moves')?.default).toBe('none');
  });

  it('more than 3 open questions exits 65, sending them back to the interview, and writes nothing', async () => {
    const answers = withAnswers((a) => {
      a['review.open-questions'] = ['one?', 'two?', 'three?', 'four?'];
    });
    const out = join(dir, 'four');
    mkdirSync(out);
    const result = await runCli(['pipeline', '--answers', answers, '--out', out], { cwd: dir });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('answers.review.open-questions: 4 open questions: keep at most 3');
    expect(stackFrames(result.stderr)).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a document that breaks its rules is not written: exit 1, each problem named, the session kept', async () => {
    const answers = withAnswers((a) => {
      const components = a['classify.components'] as string[];
      components[1] = `${components[1] ?? ''} -> publish the report, which costs about $40 a run`;
    });
    const out = join(dir, 'lint');
    mkdirSync(out);
    const result = await runCli(['pipeline', '--answers', answers, '--out', out], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pipeline_architecture\.md was not written: it breaks \d+ of its rules/);
    expect(result.stderr).toMatch(/has a cost estimate: /);
    expect(result.stderr).toMatch(/mlops-design resume \d{8}-\d{6}-[a-z0-9]{4}/);
    expect(existsSync(join(out, DOCUMENT))).toBe(false);
  });

  it.each([
    [
      'classify.moves',
      'dashbord: pipeline',
      'no component is named "dashbord"; the components are features, training, scoring, risk dashboard, drift alerts, tuning, backfill',
    ],
    [
      'decompose.owners',
      'data team: features, ingest',
      'data team owns "ingest", which is not a component; the components are features, training, scoring, risk dashboard, drift alerts, tuning, backfill',
    ],
  ])(
    '%s naming no component exits 65 before the session starts, naming the file, key and components',
    async (id, answer, message) => {
      const answers = withAnswers((a) => {
        a[id] = answer;
      }, `${id}.yaml`);
      const out = join(dir, id);
      mkdirSync(out);
      const state = join(dir, `${id}-state`);
      const result = await runCli(['pipeline', '--answers', answers, '--out', out], {
        cwd: dir,
        env: { MLOPS_DESIGN_STATE_DIR: state },
      });
      expect(result.code).toBe(65);
      expect(result.stderr.trimEnd().split('\n')).toContain(`  ${answers}: answers.${id}: ${message}`);
      expect(readdirSync(out)).toEqual([]);
      // Checked before the run: no session was started, so none is saved.
      expect(existsSync(state)).toBe(false);
    },
  );

  it('a design answers file given to pipeline exits 65 naming the command', async () => {
    const result = await runCli(['pipeline', '--answers', join(ROOT, 'examples', 'pastebin.yaml')], {
      cwd: dir,
    });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('command: this file is for `design`, but it was given to `pipeline`');
  });

  it('a saved pipeline session is listed and resumes to the same document as a scripted run', async () => {
    const state = join(dir, 'resume');
    mkdirSync(state);
    const env = { MLOPS_DESIGN_STATE_DIR: join(state, 'sessions') };
    // The scripted run saves its session; resuming the finished one is refused, so resume a copy
    // that stops before the MVP decision by rewriting the saved record.
    const out = join(state, 'out');
    mkdirSync(out);
    const scripted = await runCli(
      ['pipeline', '--answers', examplePath('pipeline-churn'), '--out', out, '--json'],
      {
        cwd: state,
        env,
      },
    );
    expect(scripted.code, scripted.stderr).toBe(0);
    const id = (JSON.parse(scripted.stdout) as { session_id: string }).session_id;
    const file = join(state, 'sessions', `${id}.json`);
    const record = JSON.parse(readFileSync(file, 'utf8')) as {
      finished: boolean;
      position: string;
      state: { decisions: Record<string, unknown>; answers: Record<string, unknown> };
    };
    record.finished = false;
    record.position = 'mvp.choice';
    record.state.decisions = {};
    for (const key of ['review.open-questions', 'approval'])
      Reflect.deleteProperty(record.state.answers, key);
    writeFileSync(file, JSON.stringify(record));

    const listed = await runCli(['sessions'], { cwd: state, env });
    expect(listed.stdout).toContain(`${id}  pipeline  at MVP (mvp.choice)`);

    const again = join(state, 'again');
    mkdirSync(again);
    const resumed = await runCli(['resume', id, '--answers', examplePath('pipeline-churn'), '--out', again], {
      cwd: state,
      env,
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(
      `Resuming session ${id} (Customer churn scoring) at Phase 4/5 · MVP, mvp.choice.`,
    );
    expect(readFileSync(join(again, DOCUMENT), 'utf8')).toBe(readFileSync(join(out, DOCUMENT), 'utf8'));
  });
});
