// A whole interactive lifecycle session in a real pseudo-terminal: selects for the choices (their
// optional defaults highlighted), a colleague's words for the numbers, a replica cap that conflicts
// with the peak and is asked again with the conflict named, the tier decision and approval, to the
// written plan and its files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY } from '../support/pty-keys.js';
import { usePtyCli } from '../support/pty-cli.js';

const start = usePtyCli('lifecycle');

describe('lifecycle in a pseudo-terminal', () => {
  it(
    'runs from the title to the written plan, asking a conflicting answer again',
    { timeout: 90_000 },
    async () => {
      const { run, out, ask } = start((dir) => ['lifecycle', '--out', dir]);
      const pick = async (prompt: RegExp, downs: number): Promise<void> => {
        await run.waitFor(prompt);
        run.write(KEY.down.repeat(downs) + KEY.enter);
      };

      await run.waitFor(/the MLOps lifecycle, one question at a time/);
      await ask(/What are we designing\?/, 'Card fraud scoring');
      await run.waitFor(/Phase 1\/5 · The model/);
      await pick(/What kind of model is it\?/, 0); // classification
      await pick(/What is it trained in/, 1); // xgboost
      await ask(/How large is the model in memory\?/, '200 MB');
      await pick(/Where do its predictions happen/, 1); // online

      await run.waitFor(/Phase 2\/5 · Scale/);
      await ask(/How many predictions a second at peak\?/, '~2k rps at peak');
      await run.waitFor(/Read as: 2,000\/s at peak/);
      await ask(/What latency must a prediction meet\?/, 'p95 150ms');
      await ask(/How much data does one training run read\?/, '');
      await ask(/How many users at once, at peak\?/, '');
      await ask(/How many predictions a second did one replica serve/, '');
      await ask(/Is there a cap on replicas/, '9');

      await run.waitFor(/Phase 3\/5 · How it is done today/);
      await pick(/How is the model trained today/, 1); // scripted
      await pick(/How does a new model reach production today/, 0); // manual
      await pick(/How is it retrained/, 1); // manual

      await run.waitFor(/Phase 4\/5 · Governance, stack and team/);
      await pick(/What governance level/, 2); // production
      await pick(/Is the model in a regulated domain/, 1); // yes
      await pick(/Must each prediction come with an explanation/, 0); // the default: no
      await pick(/Which ML platform do you run already/, 0); // mlflow
      await pick(/Where will it run/, 1); // kubernetes-kserve
      await pick(/KServe's deployment mode/, 0); // the default: Standard
      await pick(/Has a model server been chosen already/, 0); // the default: auto
      await pick(/Does the team run a workflow orchestrator already/, 0); // the default: none
      await pick(/Which CI platform/, 0); // github
      await ask(/How many engineers will build and run this lifecycle\?/, '5 MLE + 3 DS');
      await run.waitFor(/Read as: 8 engineers \(5 MLE \+ 3 DS\)/);
      await ask(/What availability must the endpoint keep/, 'three nines');

      // 9 replicas at the assumed 200/s serve 1,800/s, short of the 2,000/s peak: asked again, named.
      await run.waitFor(
        /That did not work: the plan stops here: 9 replicas at 200 requests a second serve 1800, short of 2000/,
      );
      await ask(/Is there a cap on replicas/, 'not capped');

      await run.waitFor(/Maturity level 0 \(training: scripted, deployment: manual, retraining: manual\)/);
      await run.waitFor(/How deep the plan goes/);
      await run.waitFor(/Something else \(type it\)/);
      run.write(KEY.enter);
      await run.waitFor(/Recorded\. Tier: Tier 3: full lifecycle/);
      await run.waitFor(/Write the document\?/);
      await run.waitFor(/Yes, write the document/);
      run.write(KEY.enter);

      const code = await run.exited;
      expect(code, run.screen.tail()).toBe(0);
      const plan = readFileSync(join(out, 'mlops_plan.md'), 'utf8');
      expect(plan).toMatch(/^# MLOps Plan: Card fraud scoring$/m);
      expect(plan).toContain(
        'Tier 3, full lifecycle (the recommended tier): a regulated model needs governance',
      );
      expect(plan).toContain('Replicas: 2 to 15, from the peak of 2,000/s');
      expect(plan).not.toContain('\u001b');
      expect(existsSync(join(out, 'mlops/deploy/inferenceservice.yaml'))).toBe(true);
      expect(readFileSync(join(out, 'mlops/deploy/inferenceservice.yaml'), 'utf8')).toContain(
        'serving.kserve.io/deploymentMode: Standard',
      );
    },
  );
});
