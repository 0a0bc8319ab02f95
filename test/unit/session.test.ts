// The session runner as a whole: what it shows, in what order, as the step machine advances.
import { describe, expect, it } from 'vitest';
import type { RedFlag } from '../../src/rules/red-flags.js';
import type { SessionView } from '../../src/session/view.js';
import { designAdvisor } from '../../src/copilot/offline/design/advisor.js';
import { createOfflineCoPilot } from '../../src/copilot/offline/offline-copilot.js';
import { initialState } from '../../src/protocol/machine.js';
import type { AnswersFile } from '../../src/answers/schema.js';
import type { Protocol, SessionState } from '../../src/protocol/types.js';
import { designProtocol } from '../../src/protocols/design/index.js';
import { designResults } from '../../src/protocols/design/model.js';
import { answersFileRespondent } from '../../src/respondents/answers-file.js';
import type { Respondent } from '../../src/respondents/port.js';
import { redFlags } from '../../src/rules/red-flags.js';
import { runSession } from '../../src/session/run.js';
import {
  answersFile,
  bundledKnowledge,
  finishedDesign,
  silent,
  type DesignOptions,
  runDesignWith,
} from '../support/design-state.js';

type Event = readonly [kind: keyof SessionView, detail: string];

async function transcript(options: DesignOptions): Promise<Event[]> {
  const events: Event[] = [];
  const view: SessionView = {
    ...silent,
    phase: (label) => events.push(['phase', label]),
    pushBack: (text) => events.push(['pushBack', text]),
    detail: (text) => events.push(['detail', text]),
    redFlag: (flag: RedFlag) => events.push(['redFlag', flag.id]),
  };
  await finishedDesign({ ...options, view });
  return events;
}

describe('session runner', () => {
  it('walks the six phases in order, announcing each once', async () => {
    const phases = (await transcript({})).filter(([kind]) => kind === 'phase').map(([, label]) => label);
    expect(phases).toEqual([
      'Phase 1/6 · Requirements',
      'Phase 2/6 · Estimation',
      'Phase 3/6 · High-level design',
      'Phase 4/6 · Deep-dive',
      'Phase 5/6 · Tradeoffs',
      'Phase 6/6 · Operations',
    ]);
  });

  it('shows a red flag when the answer that raises it is accepted, after the push-back, once', async () => {
    const events = await transcript({ scope: 'ml', answers: { 'requirements.problem': 'not sure yet' } });
    const pushBack = events.findIndex(
      ([kind, text]) => kind === 'pushBack' && text.includes('does not frame a problem'),
    );
    const flags = events.filter(([kind]) => kind === 'redFlag');
    expect(pushBack).toBeGreaterThanOrEqual(0);
    expect(flags).toEqual([['redFlag', 'ml-without-problem-framing']]);
    expect(events.indexOf(flags[0] as Event)).toBeGreaterThan(pushBack);
  });

  it('shows no red flag for a framed ML design', async () => {
    const events = await transcript({ scope: 'ml' });
    expect(events.filter(([kind]) => kind === 'redFlag')).toEqual([]);
  });

  it('shows the detail for C, then takes the followup as the decision', async () => {
    const events = await transcript({
      answers: { 'high-level.cache': 'C' },
      followups: { 'high-level.cache': 'B' },
    });
    expect(events.filter(([kind]) => kind === 'detail')).toHaveLength(1);
    const state = await finishedDesign({
      answers: { 'high-level.cache': 'C' },
      followups: { 'high-level.cache': 'B' },
    });
    expect(state.decisions['high-level.cache']?.key).toBe('B');
    expect(state.decisions['high-level.cache']?.detailShown).toBe(true);
  });

  it('replaces a vague answer with its followup after the push-back, without recording the push-back', async () => {
    const state = await finishedDesign({
      answers: { 'requirements.scale': 'lots of users' },
      followups: { 'requirements.scale': '500K notes a day' },
    });
    expect(state.answers['requirements.scale']?.raw).toBe('500K notes a day');
    expect(state.answers['requirements.scale']?.pushBack).toBeUndefined();
  });
});

describe('revising a phase at approval', () => {
  it('re-asks that phase, re-derives what follows from it, keeps later answers, then writes', async () => {
    const file = answersFile({});
    const scripted = answersFileRespondent('revise.yaml', file);
    const asked: string[] = [];
    let approvals = 0;
    // A person who, at approval, goes back to estimation and raises the write rate 200x.
    const respondent: Respondent = {
      interactive: true,
      ask: (request) => {
        asked.push(request.slot.id);
        if (request.slot.id === 'approval') return Promise.resolve(approvals++ === 0 ? 'estimation' : 'yes');
        if (request.slot.id === 'estimation.writes' && approvals > 0) return Promise.resolve('115.2M/day');
        return scripted.ask(request);
      },
      choose: (request) => scripted.choose(request),
      pick: () => Promise.reject(new Error('no reading to confirm')),
    };
    const state = await runDesignWith(respondent, initialState(designProtocol, file.title, 'system'));
    expect(approvals).toBe(2);
    // The estimation questions were asked twice; requirements once.
    expect(asked.filter((id) => id === 'estimation.writes')).toHaveLength(2);
    expect(asked.filter((id) => id === 'requirements.latency')).toHaveLength(1);
    // The numbers and the advice that follows from them changed with the new rate.
    const writes = designResults(state).estimate?.metrics.find((metric) => metric.id === 'write_qps');
    expect(writes?.value).toBeCloseTo(1_333.3, 1);
    expect(state.decisions['high-level.write-path']?.value).toBe('stream');
    // An answer of a later phase, given once, still stands.
    expect(state.answers['operations.degradation']?.raw).toBe(file.answers['operations.degradation']);
  });
});

describe('when the runner saves', () => {
  const runWith = async (interactive: boolean, failAt?: string) => {
    const file = answersFile({});
    const scripted = answersFileRespondent('save.yaml', file);
    const saves: SessionState[] = [];
    const beforePrompt: number[] = [];
    const respondent: Respondent = {
      interactive,
      ask: (request) => {
        beforePrompt.push(saves.length);
        if (request.slot.id === failAt) return Promise.reject(new Error('the person left'));
        return scripted.ask(request);
      },
      choose: (request) => scripted.choose(request),
      pick: () => Promise.reject(new Error('no reading to confirm')),
    };
    const deps = {
      protocol: designProtocol,
      copilot: createOfflineCoPilot(designAdvisor(bundledKnowledge())),
      respondent,
      view: silent,
      knowledge: bundledKnowledge(),
      redFlags,
      save: (state: SessionState) => saves.push(state),
    };
    const outcome = await runSession(deps, initialState(designProtocol, file.title, 'system')).then(
      () => 'finished',
      (error: unknown) => (error as Error).message,
    );
    return { saves, beforePrompt, outcome };
  };

  it('with a person at the prompt: every answer is saved before the next question is asked', async () => {
    const { saves, beforePrompt } = await runWith(true);
    // Each prompt after the first finds one more save than answers given before it, at least.
    beforePrompt.slice(1).forEach((count, index) => {
      expect(count).toBeGreaterThanOrEqual(index + 1);
    });
    expect(Object.keys(saves[saves.length - 1]?.answers ?? {})).toContain('approval');
  });

  it('scripted: saves are coalesced, and the last one holds every answer', async () => {
    const { saves, outcome } = await runWith(false);
    expect(outcome).toBe('finished');
    expect(saves.length).toBeGreaterThanOrEqual(1);
    expect(saves.length).toBeLessThan(10);
    expect(Object.keys(saves[saves.length - 1]?.answers ?? {})).toContain('approval');
  });

  it('scripted: a failure mid-session still saves every answer given so far', async () => {
    const { saves, outcome } = await runWith(false, 'operations.degradation');
    expect(outcome).toBe('the person left');
    const last = saves[saves.length - 1];
    expect(Object.keys(last?.answers ?? {})).toContain('high-level.access-key');
    expect(Object.keys(last?.decisions ?? {})).toContain('operations.deployment');
  });
});

describe('derived results', () => {
  /** A scripted run of a protocol with the offline co-pilot, from an answers file. */
  const scripted = (protocol: Protocol, file: AnswersFile): Promise<SessionState> =>
    runSession(
      {
        protocol,
        copilot: createOfflineCoPilot(designAdvisor(bundledKnowledge())),
        respondent: answersFileRespondent('scripted.yaml', file),
        view: silent,
        knowledge: bundledKnowledge(),
        redFlags,
      },
      initialState(protocol, file.title, 'system'),
    );
  /** The system baseline with writes per user: the estimate then needs a user count. */
  const perUser = answersFile({ answers: { 'estimation.writes': '2/day per user' } });

  it('are computed without the co-pilot, and a person is asked again for what one lacks', async () => {
    const scripted = answersFileRespondent('per-user.yaml', perUser);
    const asked: { id: string; message?: string }[] = [];
    const respondent: Respondent = {
      interactive: true,
      ask: (request) => {
        asked.push({ id: request.slot.id, ...(request.message ? { message: request.message } : {}) });
        if (request.slot.id === 'estimation.users')
          return Promise.resolve(request.attempt === 'after-error' ? '1M' : 'none');
        return scripted.ask(request);
      },
      choose: (request) => scripted.choose(request),
      pick: () => Promise.reject(new Error('no reading to confirm')),
    };
    const offline = createOfflineCoPilot(designAdvisor(bundledKnowledge()));
    const drafted: string[] = [];
    const state = await runSession(
      {
        protocol: designProtocol,
        copilot: {
          ...offline,
          draft: (step, current) => {
            drafted.push(step.id);
            return offline.draft(step, current);
          },
        },
        respondent,
        view: silent,
        knowledge: bundledKnowledge(),
        redFlags,
      },
      initialState(designProtocol, perUser.title, 'system'),
    );
    expect(asked.filter((entry) => entry.id === 'estimation.users')).toEqual([
      { id: 'estimation.users' },
      {
        id: 'estimation.users',
        message: 'a rate is given per user, so the number of daily active users is needed (e.g. "10M")',
      },
    ]);
    expect(designResults(state).estimate?.input.dailyActiveUsers).toBe(1_000_000);
    expect(Object.keys(state.derived)).toEqual([
      'estimation.numbers',
      'operations.cost',
      'operations.review',
    ]);
    // The co-pilot drafted prose and its second opinion only: never the estimate or the cost.
    expect(drafted).toEqual([
      'high-level.components',
      'deep-dive.details',
      'tradeoffs.records',
      'operations.plan',
      'operations.second-opinion',
    ]);
  });

  it('stop a script with 65 naming the question, instead of asking it', async () => {
    await expect(scripted(designProtocol, perUser)).rejects.toMatchObject({
      exitCode: 65,
      message:
        'estimation.users: a rate is given per user, so the number of daily active users is needed (e.g. "10M")',
    });
  });

  it('an offline run never loads a draft schema: only a model output is checked against one', async () => {
    const refusing = {
      ...designProtocol,
      steps: designProtocol.steps.map((step) =>
        step.kind === 'draft'
          ? { ...step, schema: () => Promise.reject(new Error(`${step.id}: schema loaded`)) }
          : step,
      ),
    };
    const state = await scripted(refusing, answersFile({}));
    expect(state.answers.approval?.value).toEqual({ approved: true });
  });
});
