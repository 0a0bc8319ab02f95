// Type-aware linting over the whole project; CI runs it with --max-warnings 0.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// The pure cores: data in, data out. I/O, the environment and the clock live at the edges (cli,
// respondents, the Anthropic adapter, session store), so these folders may not reach for them. The
// offline advisor is one too: the README promises it is deterministic.
const PURE_CORES = [
  'src/estimation/',
  'src/rules/',
  'src/render/',
  'src/protocol/',
  'src/protocols/',
  'src/copilot/offline/',
];
const PURE =
  'pure cores (estimation, rules, render, protocol, protocols) do no I/O: pass the data in from an edge';
const NO_CLOCK = 'pure cores read no clock: take the time as a parameter from an edge';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.ci/out/', '.ci/tools/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'test/support/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  {
    files: PURE_CORES.map((folder) => `${folder}**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Bare builtins too ('fs', 'path', 'fs/promises'), not only the node: spelling.
          paths: builtinModules
            .filter((name) => !name.startsWith('_'))
            .map((name) => ({ name, message: PURE })),
          patterns: [
            { group: ['node:*'], message: PURE },
            { group: ['chalk', 'commander', '@inquirer/*', '@anthropic-ai/*'], message: PURE },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: PURE },
        { name: 'performance', message: NO_CLOCK },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='globalThis'][property.name='process']", message: PURE },
        { selector: 'ImportExpression[source.value=/^node:/]', message: PURE },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: NO_CLOCK },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: NO_CLOCK },
        { selector: "CallExpression[callee.name='Date']", message: NO_CLOCK },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'pure cores are deterministic: take randomness (or a seed) as a parameter',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    // Keep disableTypeChecked's parserOptions (projectService off): replacing languageOptions
    // outright sent every script through the default project, which stops at 8 files.
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', structuredClone: 'readonly' },
    },
  },
);
