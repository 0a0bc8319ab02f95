import { it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PLANS } from '../../test/support/lifecycle-plans.js';
import { renderLifecycle, checkLifecycleFiles } from '../../src/render/lifecycle/index.js';
import { readFileSync } from 'node:fs';
it('gen', () => {
  const template = readFileSync('templates/mlops_plan.md', 'utf8');
  for (const [n, p] of Object.entries(PLANS)) {
    const files = renderLifecycle(template, p);
    console.log(n, checkLifecycleFiles(files));
    for (const f of files) { const out = join('/tmp/bsc/gen', n, f.path); mkdirSync(dirname(out), { recursive: true }); writeFileSync(out, f.content); }
  }
});
