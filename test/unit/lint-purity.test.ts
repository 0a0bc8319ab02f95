/**
 * The lint configuration keeps the pure cores pure: a fixture that does everything a core may not
 * (node: and bare builtin imports, process, chalk, commander, prompts, the SDK, the clock,
 * Math.random) is an error line by line in every pure folder and passes in src/cli/.
 *
 * ESLint runs through its Node API with the project's own eslint.config.js, from the fixture's
 * folder as cwd, so the config's folder patterns match the fixture's src/ tree. Type-aware rules
 * are switched off here: the purity rules are syntactic, and the type-aware ones need a TypeScript
 * project holding the file, which the fixture is deliberately not part of.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE_ROOT = join(ROOT, 'test', 'fixtures', 'lint');
const FIXTURE = join(FIXTURE_ROOT, 'src', 'rules', 'forbidden.ts');
const CONFIG = join(ROOT, 'eslint.config.js');
const PURITY_RULES = ['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax'];

let eslint: ESLint;
let text = '';

beforeAll(() => {
  text = readFileSync(FIXTURE, 'utf8');
  eslint = new ESLint({
    cwd: FIXTURE_ROOT,
    overrideConfigFile: CONFIG,
    overrideConfig: [
      tseslint.configs.disableTypeChecked,
      { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ],
  });
});

async function lint(folder: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(text, { filePath: join(FIXTURE_ROOT, folder, 'forbidden.ts') });
  if (!result) throw new Error(`ESLint returned no result for ${folder}`);
  return result.messages;
}

/** "line rule" for each message, and the line's own text, so a failure shows what was missed. */
const summary = (messages: readonly Linter.LintMessage[]): string[] =>
  messages.map((message) => `${String(message.line)} ${message.ruleId ?? message.message}`);

// Line by line, what the fixture does and the rule that must stop it in a pure core.
const EXPECTED = [
  '4 no-restricted-imports', // node:fs
  '5 no-restricted-imports', // path, a bare builtin
  '6 no-restricted-imports', // @anthropic-ai/sdk
  '7 no-restricted-imports', // @inquirer/prompts
  '8 no-restricted-imports', // chalk
  '9 no-restricted-imports', // commander
  '12 no-restricted-globals', // process.env
  '15 no-restricted-syntax', // globalThis.process
  '16 no-restricted-syntax', // import('node:os')
  '17 no-restricted-syntax', // Date.now()
  '17 no-restricted-syntax', // new Date()
  '17 no-restricted-syntax', // Date()
  '18 no-restricted-globals', // performance
  '18 no-restricted-syntax', // Math.random()
];

describe('the purity rules of eslint.config.js', () => {
  it.each([
    'src/rules',
    'src/estimation',
    'src/render',
    'src/protocol',
    'src/protocols/design',
    'src/copilot/offline/design',
  ])('report every forbidden line under %s', async (folder) => {
    const messages = await lint(folder);
    expect(messages.every((message) => message.severity === 2)).toBe(true);
    expect(summary(messages).sort()).toEqual([...EXPECTED].sort());
  });

  it('name the reason: I/O and the clock belong at an edge', async () => {
    const messages = await lint('src/rules');
    const byLine = (line: number): string =>
      messages
        .filter((message) => message.line === line)
        .map((message) => message.message)
        .join(' | ');
    expect(byLine(4)).toContain("'node:fs' import is restricted");
    expect(byLine(4)).toContain('do no I/O');
    expect(byLine(5)).toContain("'path' import is restricted");
    expect(byLine(12)).toContain("'process'");
    expect(byLine(17)).toContain('read no clock');
  });

  it('allow all of it at an edge, under src/cli', async () => {
    const messages = await lint('src/cli');
    expect(summary(messages)).toEqual([]);
  });

  it('lint the fixture file itself as a pure core from its own folder', async () => {
    const [result] = await eslint.lintFiles([FIXTURE]);
    expect(result?.messages.filter((message) => PURITY_RULES.includes(message.ruleId ?? ''))).toHaveLength(
      EXPECTED.length,
    );
  });

  it('keep the fixture out of the project lint run', async () => {
    const project = new ESLint({ cwd: ROOT });
    expect(await project.isPathIgnored(FIXTURE)).toBe(true);
    expect(await project.isPathIgnored(join(ROOT, 'src', 'rules', 'red-flags.ts'))).toBe(false);
  });
});
