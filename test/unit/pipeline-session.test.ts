/**
 * A pipeline-scoping session run by the step machine with the offline advisor: a person at the
 * prompt who lists one component is asked for the rest, is told before approving that the document
 * would break its rules, revises the classification, and approves a document that passes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pipelineKind } from '../../src/cli/kinds/pipeline.js';
import { createOfflineCoPilot } from '../../src/copilot/offline/offline-copilot.js';
import { initialState, recordAnswer, recordDerived } from '../../src/protocol/machine.js';
import type { SessionState } from '../../src/protocol/types.js';
import type { PipelinePlan } from '../../src/protocols/pipeline/decompose.js';
import { pipelineProtocol } from '../../src/protocols/pipeline/index.js';
import { MIN_COMPONENTS, pushBackOnComponents } from '../../src/protocols/pipeline/slots.js';
import { lintPipelineDocument } from '../../src/render/pipeline-lint.js';
import type { Respondent } from '../../src/respondents/port.js';
import { runSession } from '../../src/session/run.js';
import { bundledKnowledge, silent } from '../support/design-state.js';

const TEMPLATE = readFileSync(new URL('../../templates/pipeline_architecture.md', import.meta.url), 'utf8');
const ONE =
  'training: weekly: load the warehouse data -> train the model -> evaluate AUC -> register the model';
const FOUR = [
  ONE,
  'features: nightly: load orders from the warehouse -> validate row counts -> compute features -> write the feature table',
  'scoring: daily: load the production model -> score every customer -> publish the scores to the CRM',
  'report: a Grafana dashboard of scores by region',
];

describe('pipeline scoping through the step machine', () => {
  it('pushes back on a lone component, warns before approval, and writes after a revision', async () => {
    const pushBacks: string[] = [];
    const asked: string[] = [];
    let approvals = 0;
    let componentsAsked = 0;
    const answers: Record<string, string | readonly string[]> = {
      'picture.workflow':
        'We pull orders from the warehouse, train a churn model weekly, evaluate AUC against production, the CRM team uses the scores; two engineers; a notebook today.',
      'picture.stage': 'prototype',
      'picture.team': '2',
      'classify.moves': 'none',
      'decompose.owners': 'one team',
      'decompose.orchestrator': 'Kubernetes',
      'review.open-questions': 'none',
    };
    const respondent: Respondent = {
      interactive: true,
      ask: (request) => {
        asked.push(request.slot.id);
        if (request.slot.id === 'approval') return Promise.resolve(approvals++ === 0 ? 'classify' : 'yes');
        if (request.slot.id === 'classify.components') {
          // First time: one component, kept after the push-back; after the revision: four.
          componentsAsked += 1;
          return Promise.resolve(approvals === 0 ? [ONE] : FOUR);
        }
        const answer = answers[request.slot.id];
        if (answer === undefined) return Promise.reject(new Error(`unexpected question ${request.slot.id}`));
        return Promise.resolve(answer);
      },
      choose: () => Promise.resolve('A'),
      pick: () => Promise.reject(new Error('no reading to confirm')),
    };
    const state: SessionState = await runSession(
      {
        protocol: pipelineProtocol,
        copilot: createOfflineCoPilot(pipelineKind.advisor(bundledKnowledge())),
        respondent,
        view: { ...silent, pushBack: (text) => pushBacks.push(text) },
        knowledge: bundledKnowledge(),
        redFlags: pipelineKind.rules.flags,
        check: (current) => pipelineKind.render(TEMPLATE, current).problems,
      },
      initialState(pipelineProtocol, 'Churn', 'ml'),
    );
    // One component: asked once more, then accepted as given.
    expect(pushBacks[0]).toMatch(/^Only 1 component\(s\)\. The scope needs what surrounds the model too/);
    // Before the first approval: the document would be too short to write.
    expect(pushBacks[1]).toMatch(/^The document would not be written: it breaks 1 of its rules \(\d+ lines;/);
    expect(asked.filter((id) => id === 'approval')).toHaveLength(2);
    expect(componentsAsked).toBe(3);
    const rendered = pipelineKind.render(TEMPLATE, state);
    expect(rendered.problems).toEqual([]);
    expect(rendered.artifacts.map((artifact) => artifact.path)).toEqual(['pipeline_architecture.md']);
    expect(lintPipelineDocument(rendered.artifacts[0]?.content ?? '')).toEqual([]);
    expect(pushBacks).toHaveLength(2);
  });

  it('asks a person again when a move names no component, as it is typed, saying which components exist', async () => {
    const messages: string[] = [];
    const asked: string[] = [];
    let moves = 0;
    const answers: Record<string, string | readonly string[]> = {
      'picture.workflow':
        'We pull orders from the warehouse, train a churn model weekly, evaluate AUC against production, the CRM team uses the scores; two engineers; a notebook today.',
      'picture.stage': 'prototype',
      'picture.team': '2',
      'classify.components': FOUR,
      'decompose.owners': 'one team',
      'decompose.orchestrator': 'Kubernetes',
      'review.open-questions': 'none',
      approval: 'yes',
    };
    const respondent: Respondent = {
      interactive: true,
      ask: (request) => {
        asked.push(request.slot.id);
        if (request.message) messages.push(request.message);
        // Twice the same unknown name: pushed back, then asked again at once by the moves' check.
        if (request.slot.id === 'classify.moves')
          return Promise.resolve(moves++ < 2 ? 'reprot: pipeline' : 'none');
        const answer = answers[request.slot.id];
        return answer === undefined ? Promise.reject(new Error(request.slot.id)) : Promise.resolve(answer);
      },
      choose: () => Promise.resolve('A'),
      pick: () => Promise.reject(new Error('no reading to confirm')),
    };
    const state = await runSession(
      {
        protocol: pipelineProtocol,
        copilot: createOfflineCoPilot(pipelineKind.advisor(bundledKnowledge())),
        respondent,
        view: silent,
        knowledge: bundledKnowledge(),
        redFlags: pipelineKind.rules.flags,
      },
      initialState(pipelineProtocol, 'Churn', 'ml'),
    );
    expect(moves).toBe(3);
    expect(
      messages.filter(
        (message) =>
          message ===
          'no component is named "reprot"; the components are training, features, scoring, report',
      ),
    ).toHaveLength(2);
    // Never accepted and then rejected questions later: every attempt comes before the owners.
    expect(asked.lastIndexOf('classify.moves')).toBeLessThan(asked.indexOf('decompose.owners'));
    expect(state.answers['classify.moves']?.raw).toBe('none');
  });

  it(`asks for more than ${String(MIN_COMPONENTS - 1)} components, and not for ${String(MIN_COMPONENTS)}`, () => {
    const component = { name: 'a', description: 'train weekly' };
    expect(pushBackOnComponents([component, { ...component, name: 'b' }])).toMatch(/^Only 2 component\(s\)/);
    expect(
      pushBackOnComponents([component, { ...component, name: 'b' }, { ...component, name: 'c' }]),
    ).toBeUndefined();
  });
});

describe('the MVP proposal', () => {
  const plan = (name: string, role: PipelinePlan['role'], deployed = false): PipelinePlan => ({
    name,
    role,
    deployed,
    trigger: 'weekly',
    owner: 'one team',
    components: [name],
    purpose: 'p',
    steps: [{ text: 'Train the model', produces: 'a trained model artifact' }],
    sources: [],
    artifacts: ['a trained model artifact'],
    dynamicComponents: 0,
    nestedDynamic: false,
    meta: false,
  });
  const propose = (stage: string, pipelines: PipelinePlan[]) => {
    let state = initialState(pipelineProtocol, 'T', 'ml');
    state = recordAnswer(state, 'picture.stage', { raw: stage, value: stage });
    state = recordDerived(state, 'decompose.pipelines', pipelines);
    const advisor = pipelineKind.advisor(bundledKnowledge());
    const slot = pipelineProtocol.steps.find((step) => step.id === 'mvp.choice');
    if (slot?.kind !== 'decision') throw new Error('no mvp.choice decision');
    return advisor.propose(slot, state);
  };
  const data = plan('Data pipeline', 'data');
  const training = plan('Training pipeline', 'training');
  const endpoint = plan('Api endpoint', 'inference', true);

  it.each([
    ['prototype', [data, training, endpoint], 'Training pipeline', /every other pipeline consumes the model/],
    ['production', [data, training, endpoint], 'Api endpoint', /a model already runs in production/],
    ['production', [data, training], 'Training pipeline', /no pipeline in scope serves or scores yet/],
    ['prototype', [data, endpoint], 'Api endpoint', /no training pipeline is in scope/],
    ['prototype', [data], 'Data pipeline', /it is the only pipeline in scope/],
  ] as const)('at %s with %#: recommends %s', (stage, pipelines, name, why) => {
    const proposal = propose(stage, [...pipelines]);
    expect(proposal.options[0].label).toBe(name);
    expect(proposal.position).toMatch(why);
    expect(proposal.detail).toContain('mlops-design references pipeline-scoping');
  });

  it('offers running the only pipeline by hand first when there is no other', () => {
    expect(propose('prototype', [data]).options[1].label).toBe('Data pipeline, run by hand first');
  });
});
