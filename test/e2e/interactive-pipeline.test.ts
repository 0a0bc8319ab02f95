// A whole interactive pipeline-scoping session in a real pseudo-terminal: a push-back on a thin
// picture, a select for the readiness, one line of components, the latency question the endpoint
// brings in, the MVP decision and approval, to the written pipeline_architecture.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPipelineDocument } from '../../src/render/pipeline-lint.js';
import { KEY } from '../support/pty-keys.js';
import { usePtyCli } from '../support/pty-cli.js';

const start = usePtyCli('pipeline');

describe('pipeline in a pseudo-terminal', () => {
  it('runs the interview from the title to the written document', { timeout: 60_000 }, async () => {
    const { run, out, ask } = start((dir) => ['pipeline', '--out', dir]);

    await run.waitFor(/pipeline scoping, one question at a time/);
    await ask(/What are we designing\?/, 'Support ticket routing');
    await run.waitFor(/Phase 1\/5 · The whole picture/);
    await ask(/Describe the whole ML workflow/, 'some data processing and training');
    await run.waitFor(/Push-back: That covers processing, training\./);
    await ask(
      /Describe the whole ML workflow/,
      'Tickets arrive in the helpdesk database; we clean them and retrain a classifier weekly, compare its F1 with ' +
        'production, and the helpdesk app asks an endpoint for the queue of each new ticket. Two engineers; a notebook does it today.',
    );
    await run.waitFor(/Covered \d of 8/);
    await run.waitFor(/Where are you today\?/);
    await run.waitFor(/Something runs in production/);
    run.write(KEY.down + KEY.enter);
    await ask(/How many engineers will build and maintain these pipelines\?/, '2');

    await run.waitFor(/Phase 2\/5 · Classification/);
    await ask(
      /List each component of the workflow/,
      'training: weekly: load tickets from the helpdesk database -> clean the text -> train the classifier -> evaluate F1 against production -> register the model; ' +
        'routing: an endpoint the helpdesk app calls: receive a ticket -> classify it -> return the queue; ' +
        'dashboard: a Grafana dashboard of queue volumes',
    );
    await ask(/What P99 must routing answer within\?/, '300ms');
    await run.waitFor(/routing: Deployed pipeline \(HTTP endpoint\) \(endpoint\)/);
    await ask(/Does the classification feel right\?/, ''); // Enter: no moves

    await run.waitFor(/Phase 3\/5 · Decomposition/);
    await ask(/Which team owns which components\?/, '');
    await ask(/Where will the pipelines run/, 'Kubernetes');
    await run.waitFor(/Phase 4\/5 · MVP/);
    await run.waitFor(/Which one pipeline do you build first, end to end\?/);
    await run.waitFor(/Something else \(type it\)/);
    run.write(KEY.enter);
    await run.waitFor(/Recorded\. MVP pipeline: Training pipeline\./);

    await run.waitFor(/Phase 5\/5 · Open questions/);
    await ask(/What can nobody in this interview answer/, 'Can the cluster read the helpdesk database?');
    await run.waitFor(/Write the document\?/);
    await run.waitFor(/Yes, write the document/);
    run.write(KEY.enter);

    const code = await run.exited;
    expect(code, run.screen.tail()).toBe(0);
    const document = readFileSync(join(out, 'pipeline_architecture.md'), 'utf8');
    expect(document).toMatch(/^# Pipeline Architecture: Support ticket routing$/m);
    expect(document).toMatch(/^### Pipeline 1: Training pipeline \(MVP\)$/m);
    expect(document).toMatch(/^### Pipeline 2: Routing endpoint \(Phase 2\)$/m);
    expect(document).toContain('1. Can the cluster read the helpdesk database?');
    expect(lintPipelineDocument(document)).toEqual([]);
    expect(document).not.toContain('\u001b');
  });
});
