// Bundles the compiled CLI (dist/cli/main.js) into one file, dist/cli.js, and compiles the knowledge. Node 20 has no module
// compile cache, and resolving and loading a few hundred small ESM files (zod, yaml, commander and
// ours) cost about half of a scripted session; one file loads in a fraction of that. Packages that
// are loaded lazily and only when needed stay external.
import { chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
// Validate the guides, the tables, the archetypes and the problem bank now, so a malformed file (or a
// problem naming an unknown archetype) fails the build in one line, and compile them into one JSON
// file the CLI reads without parsing YAML at start-up.
const { loadKnowledge } = await import('../dist/knowledge/load.js');
let knowledge;
try {
  knowledge = loadKnowledge();
} catch (error) {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
writeFileSync(
  'dist/knowledge.json',
  JSON.stringify({
    ...knowledge,
    guides: knowledge.guides.map((guide) => ({ ...guide, body: '' })),
    problems: [],
  }),
);
// The interview problem bank: only `interview` and `problems` read it.
writeFileSync('dist/problems.json', JSON.stringify(knowledge.problems));
writeFileSync(
  'dist/guide-bodies.json',
  JSON.stringify(Object.fromEntries(knowledge.guides.map((guide) => [guide.id, guide.body]))),
);

// Chunks of earlier builds have other hashes: remove them so dist/ holds only this build's.
for (const name of readdirSync('dist')) if (name.startsWith('cli-chunk-')) rmSync(`dist/${name}`);

// CommonJS dependencies (commander, write-file-atomic) use require(), __filename and __dirname,
// which ES modules lack. Only the chunks that use them get these lines: run in each of some 30
// chunks a design session loads, createRequire alone cost it several milliseconds.
const COMMONJS_GLOBALS = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __pathDirname } from 'node:path';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join(' ');
const USES_COMMONJS_GLOBALS = /(?<![\w$.])(?:require|__filename|__dirname)(?![\w$])/;

const bundled = await build({
  // Split at the dynamic imports (each command, the model co-pilot), so a command compiles only
  // what it runs. Chunks sit beside cli.js: modules that locate the package from import.meta.url
  // must be one level below the package root wherever they end up.
  entryPoints: { cli: 'dist/cli/main.js' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'cli-chunk-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@inquirer/prompts', '@anthropic-ai/sdk', 'marked', 'marked-terminal'],
  legalComments: 'none',
  // Smaller source compiles faster at start-up. Names are not kept: keepNames wraps every function
  // and class in a defineProperty call at load (about 10 ms of a scripted session); no code reads a
  // bundled function or class name (errors carry their own `name` fields, and the packages whose
  // error names we compare, the SDK and @inquirer, are not bundled).
  minify: true,
  keepNames: false,
  plugins: [
    {
      // zod re-exports every locale as `z.locales` (about 400 KB); the CLI uses only English, which
      // zod loads separately, so the catalogue is replaced by an empty module.
      name: 'zod-without-locale-catalogue',
      setup(context) {
        context.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
          args.importer.includes(`${'node_modules'}/zod/`)
            ? { path: args.path, namespace: 'empty-locales' }
            : undefined,
        );
        context.onLoad({ filter: /.*/, namespace: 'empty-locales' }, () => ({
          contents: 'export {};',
          loader: 'js',
        }));
      },
    },
  ],
  logLevel: 'warning',
  write: false,
});
for (const file of bundled.outputFiles)
  writeFileSync(
    file.path,
    USES_COMMONJS_GLOBALS.test(file.text) ? `${COMMONJS_GLOBALS}\n${file.text}` : file.text,
  );

// tsc writes dist/bin.js without the executable bit; npm sets it on install, but every later build
// would drop it and `npx mlops-design` would fail with "Permission denied".
chmodSync('dist/bin.js', 0o755);
