// What a person types instead of an answer (?, help, back, skip) and revising one answer, through
// the real runner, the real offline co-pilot and the design protocol: a person is a small script
// over the answers-file respondent, and the tests count what was asked.
import { describe, expect, it } from 'vitest';
import { planAnswers } from '../../src/answers/plan.js';
import { AppError } from '../../src/errors.js';
import { initialState } from '../../src/protocol/machine.js';
import type { SessionState } from '../../src/protocol/types.js';
import { designProtocol } from '../../src/protocols/design/index.js';
import { answersFileRespondent } from '../../src/respondents/answers-file.js';
import type { AskRequest, ChooseRequest, PickRequest, Respondent } from '../../src/respondents/port.js';
import type { SessionView } from '../../src/session/view.js';
import { answersFile, runDesignWith, silent } from '../support/design-state.js';

interface Script {
  /** What the person types at a question, given how many times it was asked; undefined: the file's answer. */
  readonly ask?: (request: AskRequest, times: number) => string | undefined;
  readonly choose?: (request: ChooseRequest, times: number) => string | undefined;
  readonly pick?: (request: PickRequest) => string;
}

async function converse(script: Script): Promise<{
  state: SessionState;
  asked: string[];
  chosen: string[];
  requests: AskRequest[];
  choices: ChooseRequest[];
  help: string[];
  kept: string[];
}> {
  const file = answersFile({});
  const scripted = answersFileRespondent('person.yaml', file);
  const asked: string[] = [];
  const chosen: string[] = [];
  const requests: AskRequest[] = [];
  const choices: ChooseRequest[] = [];
  const count = (list: string[], id: string): number => list.filter((seen) => seen === id).length;
  const respondent: Respondent = {
    interactive: true,
    ask: (request) => {
      asked.push(request.slot.id);
      requests.push(request);
      const typed = script.ask?.(request, count(asked, request.slot.id));
      if (typed !== undefined) return Promise.resolve(typed);
      if (request.previous !== undefined) return Promise.resolve(request.previous);
      return scripted.ask(request);
    },
    choose: (request) => {
      chosen.push(request.slot.id);
      choices.push(request);
      const typed = script.choose?.(request, count(chosen, request.slot.id));
      return typed !== undefined ? Promise.resolve(typed) : scripted.choose(request);
    },
    pick: (request) => Promise.resolve(script.pick?.(request) ?? 'back'),
  };
  const help: string[] = [];
  const kept: string[] = [];
  const view: SessionView = {
    ...silent,
    help: (text) => help.push(text),
    kept: (text) => kept.push(text),
  };
  const state = await runDesignWith(respondent, initialState(designProtocol, file.title, 'system'), view);
  return { state, asked, chosen, requests, choices, help, kept };
}

describe('? and help at a prompt', () => {
  it('explain the question with its example and accepted forms, ask again, and are never the answer', async () => {
    const run = await converse({
      ask: ({ slot }, times) =>
        slot.id === 'requirements.functional' && times === 1
          ? '?'
          : slot.id === 'estimation.writes' && times <= 2
            ? ['help', ' HELP '][times - 1]
            : undefined,
    });
    expect(run.state.answers['requirements.functional']?.raw).toEqual(
      answersFile({}).answers['requirements.functional'],
    );
    expect(run.state.answers['requirements.functional']?.helpShown).toBe(1);
    expect(run.state.answers['estimation.writes']?.helpShown).toBe(2);
    expect(run.help[0]).toContain('Example: ');
    expect(
      run.help.find((text) => text.includes('"10M/day", "~5k rps at peak", "2/day per user"')),
    ).toBeDefined();
  });

  it('at a decision explain it; "help" and "?" are not read as words', async () => {
    const run = await converse({
      choose: ({ slot }, times) =>
        slot.id === 'high-level.cache' && times <= 2 ? ['?', 'help'][times - 1] : undefined,
    });
    expect(run.state.decisions['high-level.cache']?.source).toBe('option');
    expect(run.help.filter((text) => text.startsWith('Caching: '))).toHaveLength(2);
  });
});

describe('back', () => {
  it('returns to the previous question with its answer as the default, then goes on', async () => {
    const run = await converse({
      ask: ({ slot }, times) => (slot.id === 'requirements.latency' && times === 1 ? 'back' : undefined),
    });
    const scale = run.requests.filter((request) => request.slot.id === 'requirements.scale');
    expect(scale).toHaveLength(2);
    expect(scale[1]?.previous).toBe(answersFile({}).answers['requirements.scale']);
    expect(run.state.answers['requirements.latency']?.raw).toBe('P50 50ms, P99 200ms');
  });

  it("typed as a decision's own words goes back to the previous decision, never read as a choice", async () => {
    const run = await converse({
      choose: ({ slot }, times) => (slot.id === 'high-level.write-path' && times === 1 ? 'back' : undefined),
    });
    expect(run.chosen.filter((id) => id === 'high-level.cache')).toHaveLength(2);
    expect(run.choices.filter((request) => request.slot.id === 'high-level.cache')[1]?.previous).toEqual({
      key: 'A',
    });
    expect(run.state.decisions['high-level.write-path']?.words).toBeUndefined();
    expect(run.state.decisions['high-level.write-path']?.source).toBe('option');
  });

  it('at the first question says there is nowhere to go back to', async () => {
    const run = await converse({
      ask: ({ slot }, times) => (slot.id === 'requirements.functional' && times === 1 ? 'back' : undefined),
    });
    const again = run.requests.filter((request) => request.slot.id === 'requirements.functional')[1];
    expect(again?.attempt).toBe('after-error');
    expect(again?.message).toMatch(/no earlier one to go back to/);
  });
});

describe('skip', () => {
  it("takes an optional question's default and refuses a required one", async () => {
    const run = await converse({
      ask: ({ slot }, times) =>
        (slot.id === 'estimation.replication' || slot.id === 'requirements.latency') && times === 1
          ? 'skip'
          : undefined,
    });
    expect(run.state.answers['estimation.replication']?.raw).toBe('1');
    const latency = run.requests.filter((request) => request.slot.id === 'requirements.latency');
    expect(latency[1]?.message).toMatch(/required and cannot be skipped/);
    expect(run.state.answers['requirements.latency']?.raw).toBe('P50 50ms, P99 200ms');
  });
});

describe('a scripted run', () => {
  const scripted = (answers: Record<string, string>): Promise<unknown> => {
    const file = answersFile({ answers });
    return runDesignWith(
      answersFileRespondent('run.yaml', file),
      initialState(designProtocol, file.title, 'system'),
    ).catch((caught: unknown) => caught);
  };
  for (const command of ['?', 'help', 'back', 'skip']) {
    it(`refuses "${command}" as an answer with 65, naming the id, and validate says so first`, async () => {
      const error = await scripted({ 'requirements.latency': command });
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).exitCode).toBe(65);
      expect((error as AppError).message).toMatch(
        /^requirements\.latency: ".*" is what a person types at a prompt/,
      );
      const plan = planAnswers(
        designProtocol,
        { path: 'run.yaml', file: answersFile({ answers: { 'requirements.latency': command } }) },
        {
          command: 'design',
          context: [],
        },
      );
      expect(plan.problems).toEqual([
        `run.yaml: answers.requirements.latency: "${command}" is what a person types at a prompt (help, back, skip), not an answer; write the answer itself`,
      ]);
    });
  }

  it('refuses "back" as a decision\'s words with 65, naming the id', async () => {
    const error = await scripted({ 'high-level.write-path': 'back' });
    expect((error as AppError).exitCode).toBe(65);
    expect((error as AppError).message).toMatch(/^high-level\.write-path: "back" is what a person types/);
  });
});

describe('revising one answer at approval', () => {
  it('re-asks only the write size; decisions whose recommendation did not change are kept', async () => {
    let approvals = 0;
    const run = await converse({
      ask: ({ slot }) => {
        if (slot.id === 'approval') return approvals++ === 0 ? 'estimation.write-size' : 'yes';
        if (slot.id === 'estimation.write-size' && approvals > 0) return '2KB';
        return undefined;
      },
    });
    const firstApproval = run.asked.indexOf('approval');
    expect(run.asked.slice(firstApproval + 1)).toEqual(['estimation.write-size', 'approval']);
    const decisionsBefore = run.chosen.length;
    expect(decisionsBefore).toBe(Object.keys(run.state.decisions).length);
    expect(run.kept.length).toBe(Object.keys(run.state.decisions).length);
    expect(run.state.answers['estimation.write-size']?.raw).toBe('2KB');
    expect(run.requests.filter((request) => request.slot.id === 'estimation.write-size')[1]?.previous).toBe(
      '1KB',
    );
  });

  it('re-asks a decision whose recommendation changed, with its old choice as the default', async () => {
    let approvals = 0;
    const run = await converse({
      ask: ({ slot }) => {
        if (slot.id === 'approval') return approvals++ === 0 ? 'estimation.writes' : 'yes';
        if (slot.id === 'estimation.writes' && approvals > 0) return '115.2M/day';
        return undefined;
      },
    });
    const firstApproval = run.asked.indexOf('approval');
    expect(run.asked.slice(firstApproval + 1)).toEqual(['estimation.writes', 'approval']);
    // The write path's recommendation changed with a 200x write rate: it alone of the decisions is asked again.
    const again = run.choices.slice(Object.keys(run.state.decisions).length);
    expect(again.map((request) => request.slot.id)).toContain('high-level.write-path');
    expect(again.length).toBeLessThan(Object.keys(run.state.decisions).length);
    expect(again.every((request) => request.previous !== undefined)).toBe(true);
  });

  it('from the approval list: "Revise one answer" picks the question, grouped by phase', async () => {
    let approvals = 0;
    const groups = new Set<string>();
    const run = await converse({
      ask: ({ slot }) => {
        if (slot.id === 'approval') return approvals++ === 0 ? 'one-answer' : 'yes';
        if (slot.id === 'requirements.availability' && approvals > 0) return '99.95%';
        return undefined;
      },
      pick: (request) => {
        for (const choice of request.choices) if (choice.group) groups.add(choice.group);
        return 'requirements.availability';
      },
    });
    expect([...groups]).toEqual([
      'Requirements',
      'Estimation',
      'High-level design',
      'Deep-dive',
      'Tradeoffs',
      'Operations',
    ]);
    expect(run.state.answers['requirements.availability']?.raw).toBe('99.95%');
    expect(run.asked.slice(run.asked.indexOf('approval') + 1)).toEqual([
      'requirements.availability',
      'approval',
    ]);
  });
});
