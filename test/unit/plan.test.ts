import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../src/answers/load.js';
import { planAnswers, type Plan, type PlanOptions } from '../../src/answers/plan.js';
import { AppError } from '../../src/errors.js';
import { initialState, recordAnswer } from '../../src/protocol/machine.js';
import type { SessionState } from '../../src/protocol/types.js';
import { designProtocol } from '../../src/protocols/design/index.js';

const PATH = 'design.yaml';

const VALID = `version: 1
command: design
title: Pastebin
scope: system
answers:
  requirements.functional: |
    - A user pastes text and gets back a short URL within 200 ms.
    - A visitor opens a short URL and sees the paste within 100 ms.
  requirements.scale: 1M new pastes a day, growing 30% a year
  requirements.latency: P50 30ms, P99 200ms
  requirements.availability: 99.9%
  requirements.consistency: eventual, up to 1 s stale
  requirements.durability: RPO 0
  estimation.writes: 1M/day
  estimation.reads: '10:1'
  estimation.write-size: 10KB
  estimation.retention: 5y
  estimation.peak-factor: 3
  high-level.archetype: A
  high-level.access-key: short_code
  high-level.architecture: A
  high-level.datastore: A
  high-level.cache: A
  high-level.write-path: B
  deep-dive.focus: A
  tradeoffs.consistency: A
  operations.deployment: A
  operations.degradation: Serve reads from the cache; new pastes return 503 for up to 5 minutes.
  approval: yes
`;

/** The valid file with one answer line replaced (or removed, when `line` is undefined). */
function edit(id: string, line: string | undefined): string {
  const pattern = new RegExp(`^  ${id.replace(/\./g, '\\.')}:.*$\\n`, 'm');
  if (!pattern.test(VALID)) throw new Error(`the valid file has no line for ${id}`);
  return VALID.replace(pattern, line === undefined ? '' : `  ${id}: ${line}\n`);
}

function plan(text: string, options: Partial<PlanOptions> = {}): Plan {
  return planAnswers(
    designProtocol,
    { path: PATH, file: parseAnswersText(PATH, text) },
    { command: 'design', context: [], ...options },
  );
}

function parseError(path: string, text: string): AppError {
  try {
    parseAnswersText(path, text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected parseAnswersText to throw');
}

describe('planAnswers: a valid file', () => {
  const result = plan(VALID);

  it('has no problems and no warnings', () => {
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.title).toBe('Pastebin');
    expect(result.scope).toBe('system');
  });

  it('lists what will be answered, defaulted and drafted, ending with the approval', () => {
    const answerOf = (id: string): string | undefined => result.lines.find((line) => line.id === id)?.answer;
    expect(answerOf('requirements.functional')).toBe(
      '- A user pastes text and gets back a short URL within 200 ms. - A vis...',
    );
    expect(answerOf('estimation.users')).toBe('default: not given: rates must be absolute');
    expect(answerOf('estimation.replication')).toBe('default: default 1');
    expect(answerOf('estimation.peak-factor')).toBe('3');
    expect(answerOf('estimation.numbers')).toBe('computed from the answers');
    expect(answerOf('high-level.components')).toBe('drafted by the co-pilot');
    expect(answerOf('operations.cost')).toBe('computed from the answers');
    expect(answerOf('high-level.write-path')).toBe('B');
    expect(result.lines.at(-1)).toEqual({
      id: 'approval',
      phase: 'approval',
      kind: 'question',
      title: 'Approval',
      answer: 'yes',
    });
    expect(result.lines.some((line) => line.id.startsWith('requirements.problem'))).toBe(false);
  });
});

describe('planAnswers: problems', () => {
  it('names a missing answer and quotes the question with an example', () => {
    expect(plan(edit('requirements.latency', undefined)).problems).toEqual([
      `${PATH}: answers.requirements.latency: missing; the session asks: "What response time is acceptable, at the median (P50) and the tail (P99)?" (e.g. P50 50ms, P99 200ms)`,
    ]);
  });

  it('names a missing decision and says how to answer it', () => {
    expect(plan(edit('high-level.cache', undefined)).problems).toEqual([
      `${PATH}: answers.high-level.cache: missing; the session asks: "Should reads go through a cache?" (answer A, B, C or your own choice)`,
    ]);
  });

  it.each([
    ['estimation.peak-factor', '60', 'expected a factor between 1 and 50, e.g. "3", got "60"'],
    ['estimation.peak-factor', '3x', undefined],
    ['estimation.replication', '2.5', 'expected a whole number of copies between 1 and 10, got "2.5"'],
    ['estimation.replication', '3x', undefined],
  ])('%s: %s', (id, answer, problem) => {
    const text = VALID.includes(`  ${id}:`)
      ? edit(id, answer)
      : VALID.replace('answers:\n', `answers:\n  ${id}: ${answer}\n`);
    const problems = plan(text).problems;
    if (problem === undefined) expect(problems).toEqual([]);
    else expect(problems).toEqual([`${PATH}: answers.${id}: ${problem}`]);
  });

  it('suggests the closest id for an unknown one', () => {
    const text = VALID.replace('requirements.latency:', 'requirements.latncy:');
    expect(plan(text).problems).toContain(
      `${PATH}: answers.requirements.latncy: unknown question id (did you mean "requirements.latency"?); run \`mlops-design questions\` for the list`,
    );
  });

  it('gives no suggestion for an id nothing resembles', () => {
    const text = VALID.replace('answers:\n', 'answers:\n  colour-of-the-bikeshed: blue\n');
    expect(plan(text).problems).toEqual([
      `${PATH}: answers.colour-of-the-bikeshed: unknown question id; run \`mlops-design questions\` for the list`,
    ]);
  });

  it('refuses an answer to a computed step, and to a drafted one', () => {
    const text = VALID.replace('answers:\n', 'answers:\n  estimation.numbers: 40 QPS\n');
    expect(plan(text).problems).toEqual([
      `${PATH}: answers.estimation.numbers: is computed from the answers, not answered; remove it`,
    ]);
    const drafted = VALID.replace('answers:\n', 'answers:\n  tradeoffs.records: all good\n');
    expect(plan(drafted).problems).toEqual([
      `${PATH}: answers.tradeoffs.records: is drafted by the co-pilot, not answered; remove it`,
    ]);
  });

  it('sends a setup answer to the top level', () => {
    const text = VALID.replace('answers:\n', 'answers:\n  scope: ml\n');
    expect(plan(text).problems).toEqual([
      `${PATH}: answers.scope: give it as the top-level key \`scope\` instead`,
    ]);
  });

  it('checks followups ids too', () => {
    const text = `${VALID}followups:\n  high-level.cach: A\n`;
    expect(plan(text).problems).toEqual([
      `${PATH}: followups.high-level.cach: unknown question id (did you mean "high-level.cache"?); run \`mlops-design questions\` for the list`,
    ]);
  });

  it("reports the slot parser's error for an unparseable answer", () => {
    expect(plan(edit('requirements.latency', 'fast')).problems).toEqual([
      `${PATH}: answers.requirements.latency: expected latency targets like "P50 50ms, P99 200ms" (a single figure is taken as the P99), or a batch deadline like "the nightly run must finish within 4h", got "fast"`,
    ]);
    expect(plan(edit('requirements.availability', '80%')).problems).toEqual([
      `${PATH}: answers.requirements.availability: expected a target between 90% and 99.9999%, got "80%"`,
    ]);
  });

  it('reports every problem at once', () => {
    const text = edit('requirements.latency', 'fast').replace(
      '  requirements.scale:',
      '  requirements.scal:',
    );
    expect(plan(text).problems).toHaveLength(3);
  });

  it('requires a final choice under followups after C', () => {
    const text = edit('high-level.cache', 'C');
    expect(plan(text).problems).toEqual([
      `${PATH}: followups.high-level.cache: answer C asks for more detail, so a final choice (A, B or your own words) is needed under followups`,
    ]);
    const answered = plan(`${text}followups:\n  high-level.cache: B\n`);
    expect(answered.problems).toEqual([]);
    expect(answered.lines.find((line) => line.id === 'high-level.cache')?.answer).toBe('C -> B');
    expect(plan(`${text}followups:\n  high-level.cache: c\n`).problems).toHaveLength(1);
  });

  it('parses question followups with the slot parser', () => {
    const result = plan(`${VALID}followups:\n  requirements.scale: ''\n`);
    expect(result.problems).toEqual([
      `${PATH}: followups.requirements.scale: expected the scale in words and numbers, e.g. "5M daily users, 20% growth a year"`,
    ]);
  });

  it('requires approval "yes"', () => {
    expect(plan(edit('approval', 'estimation')).problems).toEqual([
      `${PATH}: answers.approval: an answers file must approve ("yes"); revising a phase needs a person at the prompt`,
    ]);
    expect(plan(edit('approval', 'maybe')).problems).toEqual([
      `${PATH}: answers.approval: expected "yes" or a phase to revise (requirements, estimation, high-level, deep-dive, tradeoffs, operations), got "maybe"`,
    ]);
    expect(plan(edit('approval', undefined)).problems).toEqual([
      `${PATH}: answers.approval: missing; a scripted session writes the document only with \`approval: yes\``,
    ]);
  });

  it('refuses a file written for another command', () => {
    expect(plan(VALID.replace('command: design', 'command: pipeline')).problems).toEqual([
      `${PATH}: command: this file is for \`pipeline\`, but it was given to \`design\``,
    ]);
  });

  it('needs a scope from the file or the flag', () => {
    const noScope = VALID.replace('scope: system\n', '');
    expect(plan(noScope).problems).toEqual([
      `${PATH}: scope: missing; expected one of system, ml, hybrid (or pass --scope)`,
    ]);
    expect(plan(noScope, { scope: 'system' }).problems).toEqual([]);
  });

  it('warns when --scope overrides the file', () => {
    const result = plan(VALID, { scope: 'hybrid' });
    expect(result.scope).toBe('hybrid');
    expect(result.warnings).toEqual([
      `${PATH}: scope: the file says "system"; --scope hybrid takes precedence`,
    ]);
    expect(result.problems).toContain(
      `${PATH}: answers.requirements.prediction-freshness: missing; the session asks: "How stale may a prediction be when it is used? (real-time, minutes, hours, daily)" (e.g. real-time: scored inside the payment request)`,
    );
  });

  it('warns that ML answers are ignored in system scope', () => {
    const text = VALID.replace(
      'answers:\n',
      'answers:\n  requirements.prediction-freshness: daily\n  high-level.serving: A\n',
    );
    const result = plan(text);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      `${PATH}: answers.requirements.prediction-freshness: ignored; asked only for ML and hybrid scope`,
      `${PATH}: answers.high-level.serving: ignored; asked only for ML and hybrid scope`,
    ]);
  });

  it('does not ask for the problem statement in ML scope when a context document is present', () => {
    const ml = VALID.replace('scope: system', 'scope: ml').replace(
      'answers:\n',
      [
        'answers:',
        '  requirements.prediction-freshness: daily',
        '  requirements.model-update: weekly',
        '  requirements.feature-freshness: nightly',
        '  high-level.serving: A',
        '  high-level.features: A',
        '',
      ].join('\n'),
    );
    expect(plan(ml).problems).toEqual([
      `${PATH}: answers.requirements.problem: missing; the session asks: "What decision will the model drive, and how will you know it works?" (e.g. Block fraudulent card payments before authorisation; success is a 30% cut in chargebacks at under 0.5% false declines.)`,
    ]);
    expect(plan(ml, { context: [{ name: 'problem_statement.md', text: '# Problem' }] }).problems).toEqual([]);
  });

  it('needs daily active users for a per-user rate', () => {
    const perUser = edit('estimation.writes', '2/day per user');
    expect(plan(perUser).problems).toEqual([
      `${PATH}: answers.estimation.users: a rate is given per user, so the number of daily active users is needed (e.g. "10M")`,
    ]);
    expect(plan(perUser.replace('answers:\n', 'answers:\n  estimation.users: 1M\n')).problems).toEqual([]);
    expect(plan(perUser.replace('answers:\n', 'answers:\n  estimation.users: none\n')).problems).toHaveLength(
      1,
    );
  });

  it('checks a per-user read rate the same way', () => {
    expect(plan(edit('estimation.reads', '20/day per user')).problems).toEqual([
      `${PATH}: answers.estimation.users: a rate is given per user, so the number of daily active users is needed (e.g. "10M")`,
    ]);
  });

  it('checks the title with the title slot', () => {
    expect(plan(VALID.replace('title: Pastebin', 'title: "Paste\\nbin"')).problems).toEqual([
      `${PATH}: title: expected a title on one line of at most 80 characters`,
    ]);
  });
});

describe('planAnswers: the rest of a resumed session', () => {
  /** A session that stopped after the requirements, answered as the valid file answers them. */
  const saved = (): SessionState => {
    let state = initialState(designProtocol, 'Pastebin', 'system');
    const requirements = parseAnswersText(PATH, VALID).answers;
    for (const [id, raw] of Object.entries(requirements)) {
      const step = designProtocol.steps.find((candidate) => candidate.id === id);
      if (step?.kind !== 'question' || step.phase !== 'requirements') continue;
      const parsed = step.parse(raw);
      if (!parsed.ok) throw new Error(parsed.error);
      state = recordAnswer(state, id, { raw, value: parsed.value });
    }
    return state;
  };
  /** The valid file without its requirements: what a resumed session still needs. */
  const rest = VALID.replace(/^ {2}requirements\.[\s\S]*?(?=^ {2}estimation\.)/m, '');

  it('takes what the saved session holds as answered, and needs only the rest', () => {
    expect(plan(rest).problems.length).toBeGreaterThan(0);
    const result = plan(rest, { saved: saved() });
    expect(result.problems).toEqual([]);
    expect(result.lines.find((line) => line.id === 'requirements.latency')?.answer).toBe(
      'answered in the saved session',
    );
    expect(result.lines.find((line) => line.id === 'estimation.writes')?.answer).toBe('1M/day');
  });

  it('still checks what the file gives, and names what is missing of the rest', () => {
    const result = plan(rest.replace('  estimation.retention: 5y\n', '').replace('short_code', 'the code'), {
      saved: saved(),
    });
    expect(result.problems).toEqual([
      `${PATH}: answers.estimation.retention: missing; the session asks: "How long is data kept?" (e.g. 5y)`,
      `${PATH}: answers.high-level.access-key: expected one key name like "user_id", got "the code"`,
    ]);
  });

  it("keeps the saved session's scope and says so when the file names another", () => {
    const result = plan(rest.replace('scope: system', 'scope: ml'), { saved: saved() });
    expect(result.scope).toBe('system');
    expect(result.warnings).toEqual([
      `${PATH}: scope: the file says "ml"; the saved session's "system" stands`,
    ]);
  });
});

describe('parseAnswersText', () => {
  it('keeps YAML 1.2 scalars as written: numbers become text, "yes" stays "yes"', () => {
    const file = parseAnswersText(PATH, VALID);
    expect(file.answers['estimation.peak-factor']).toBe('3');
    expect(file.answers.approval).toBe('yes');
    expect(file.answers['estimation.reads']).toBe('10:1');
  });

  it('turns booleans into yes/no and keeps lists as lists', () => {
    const file = parseAnswersText(
      PATH,
      'version: 1\ntitle: T\nanswers:\n  approval: true\n  requirements.functional: [a, b]\n',
    );
    expect(file.answers).toEqual({ approval: 'yes', 'requirements.functional': ['a', 'b'] });
  });

  it('reads JSON when the file name says so', () => {
    const file = parseAnswersText('design.json', '{"version":1,"title":"T","answers":{"approval":"yes"}}');
    expect(file).toEqual({ version: 1, title: 'T', answers: { approval: 'yes' } });
  });

  it('refuses broken YAML with exit code 65 and the file name', () => {
    const error = parseError(PATH, 'version: 1\ntitle: [unclosed\n');
    expect(error.exitCode).toBe(65);
    expect(error.message).toMatch(/^design\.yaml: not valid YAML: /);
  });

  it('refuses duplicate keys', () => {
    expect(parseError(PATH, 'version: 1\ntitle: A\ntitle: B\nanswers: {}\n').message).toMatch(
      /^design\.yaml: not valid YAML: /,
    );
  });

  it('names an unknown top-level key with a suggestion', () => {
    const error = parseError(PATH, 'version: 1\ntitle: T\nanswers: {}\nfollowup: {}\n');
    expect(error.message).toBe('design.yaml: 1 problem(s) in the answers file');
    expect(error.details).toEqual([
      'design.yaml: followup: unknown key; expected one of version, command, title, scope, answers, followups (did you mean "followups"?)',
    ]);
  });

  it('names the key path of a bad value', () => {
    const error = parseError(PATH, 'version: 2\ntitle: T\nscope: everything\nanswers: {}\n');
    expect(error.details).toHaveLength(2);
    expect(error.details[0]).toMatch(/^design\.yaml: version: /);
    expect(error.details[1]).toMatch(/^design\.yaml: scope: /);
  });

  it('refuses a file that is not a mapping', () => {
    expect(parseError(PATH, '- just\n- a list\n').details).toEqual([
      'design.yaml: expected a mapping with version, title, scope and answers',
    ]);
  });
});

describe('a step that applies only after an earlier answer', () => {
  it('is planned from the answers before it: a latency question once a component answers requests', async () => {
    const { readFileSync } = await import('node:fs');
    const { pipelineProtocol } = await import('../../src/protocols/pipeline/index.js');
    const path = 'examples/pipeline-documents.yaml';
    const file = parseAnswersText(path, readFileSync(path, 'utf8'));
    const planned = planAnswers(pipelineProtocol, { path, file }, { command: 'pipeline', context: [] });
    expect(planned.problems).toEqual([]);
    // The file answers classify.latency because its extraction endpoint answers requests; the plan
    // once warned that the answer was ignored, though the session asks and uses it.
    expect(planned.warnings).toEqual([]);
    expect(planned.lines.find((line) => line.id === 'classify.latency')?.answer).toBe('2s');
  });
});

describe('planAnswers: decisions added after answers files were written', () => {
  it('takes the recommendation for a missing archetype decision, with a warning, not a failure', () => {
    const result = plan(edit('high-level.archetype', undefined));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      'design.yaml: answers.high-level.archetype: not answered; the recommended option (A) is accepted by default (a decision added after answers files were written)',
    ]);
  });

  it('still fails a missing decision that is not new', () => {
    const result = plan(edit('high-level.cache', undefined));
    expect(result.problems.join('\n')).toContain('answers.high-level.cache: missing');
  });
});
