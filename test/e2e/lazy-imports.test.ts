// The commands that never prompt and never call a model must not load the prompt library or the
// Anthropic SDK: both are imported lazily, where they are needed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/bin.js');
const hook = join(root, 'test/support/record-imports.mjs');
let scratch = '';

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('dist/bin.js is missing: run `npm run build` (npm test does it)');
  scratch = mkdtempSync(join(tmpdir(), 'mlops-design-imports-'));
  mkdirSync(join(scratch, 'out'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function packagesLoadedBy(name: string, args: readonly string[]): Promise<string[]> {
  const record = join(scratch, `${name}.txt`);
  await run(process.execPath, ['--import', hook, bin, ...args], {
    cwd: scratch,
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      CI: '1',
      RECORD_IMPORTS_TO: record,
      MLOPS_DESIGN_STATE_DIR: join(scratch, 'state'),
    },
  });
  return existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
}

describe('lazy imports', () => {
  it.each([
    ['version', ['--version']],
    ['help', ['--help']],
    ['questions', ['questions', '--json']],
    ['validate', ['validate', join(root, 'examples/pastebin.yaml')]],
    ['references', ['references']],
    [
      'estimate',
      [
        'estimate',
        '--writes',
        '10M/month',
        '--read-write-ratio',
        '10',
        '--write-size',
        '1KB',
        '--retention',
        '3y',
      ],
    ],
    [
      'design-scripted',
      ['design', '--answers', join(root, 'examples/pastebin.yaml'), '--out', 'out', '--quiet'],
    ],
  ])('%s loads neither @inquirer/prompts nor @anthropic-ai/sdk', async (name, args) => {
    const loaded = await packagesLoadedBy(name, args);
    expect(
      loaded.filter(
        (specifier) => specifier.startsWith('@inquirer/') || specifier.startsWith('@anthropic-ai/'),
      ),
    ).toEqual([]);
  });

  it('a design session loads none of the lifecycle protocol; a lifecycle session does', async () => {
    // The bundle's chunks that hold the lifecycle's steps or its renderer (by strings only they hold).
    const lifecycle = readdirSync(join(root, 'dist'))
      .filter((name) => /^cli-chunk-.+\.js$/.test(name))
      .filter((name) =>
        /lifecycle\.assessment|mlops\/registry\/promote\.py/.test(
          readFileSync(join(root, 'dist', name), 'utf8'),
        ),
      )
      .map((name) => `./${name}`);
    expect(lifecycle.length).toBeGreaterThan(0);
    const design = await packagesLoadedBy('design-lifecycle', [
      'design',
      '--answers',
      join(root, 'examples/pastebin.yaml'),
      '--out',
      'out',
      '--quiet',
      '--force',
    ]);
    expect(design.filter((specifier) => lifecycle.includes(specifier))).toEqual([]);
    mkdirSync(join(scratch, 'lifecycle-out'));
    const own = await packagesLoadedBy('lifecycle', [
      'lifecycle',
      '--answers',
      join(root, 'examples/lifecycle-churn-batch.yaml'),
      '--out',
      'lifecycle-out',
      '--quiet',
      '--no-save',
    ]);
    expect(own.filter((specifier) => lifecycle.includes(specifier)).length).toBeGreaterThan(0);
  });

  it('the recorder sees a package resolved at run time (so an empty record means nothing was loaded)', async () => {
    // Bundled dependencies are never resolved at run time; the external ones (the prompt library, the
    // SDK) would be, so they would appear in the record if anything imported them.
    const record = join(scratch, 'sanity.txt');
    await run(process.execPath, ['--import', hook, '-e', "await import('yaml')", '--input-type=module'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', RECORD_IMPORTS_TO: record },
    });
    expect(readFileSync(record, 'utf8')).toContain('yaml');
  });
});
