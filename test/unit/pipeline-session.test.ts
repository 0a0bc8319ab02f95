/**
 * A pipeline-scoping session run by the step machine with the offline advisor: a person at the
 * prompt who lists one component is asked for the rest, is told before approving that the document
 * would break its rules, revises the classification, and approves a document that passes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pipelineKind } from '../../src/cli/kinds/pipeline.js';
import { createOfflineCoPilot } from '../../src/copilot/offline/offline-copilot.js';
import { initialState } from '../../src/protocol/machine.js';
import type { SessionState } from '../../src/protocol/types.js';
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
    };
    const state: SessionState = await runSession(
      {
        protocol: pipelineProtocol,
        copilot: createOfflineCoPilot(pipelineKind.advisor(bundledKnowledge())),
        respondent,
        view: { ...silent, pushBack: (text) => pushBacks.push(text) },
        redFlags: pipelineKind.flags,
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
    const document = pipelineKind.render(TEMPLATE, state);
    expect(document.problems).toEqual([]);
    expect(lintPipelineDocument(document.text)).toEqual([]);
    expect(pushBacks).toHaveLength(2);
  });

  it(`asks for more than ${String(MIN_COMPONENTS - 1)} components, and not for ${String(MIN_COMPONENTS)}`, () => {
    const component = { name: 'a', description: 'train weekly' };
    expect(pushBackOnComponents([component, { ...component, name: 'b' }])).toMatch(/^Only 2 component\(s\)/);
    expect(
      pushBackOnComponents([component, { ...component, name: 'b' }, { ...component, name: 'c' }]),
    ).toBeUndefined();
  });
});
