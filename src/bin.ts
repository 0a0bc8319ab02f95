#!/usr/bin/env node
/**
 * The executable. `--version` is answered here without loading the CLI, so it costs little more
 * than starting Node; everything else loads the command-line program, bundled into one file at
 * build time (scripts/bundle.mjs) because loading it as hundreds of modules is slow on Node 20.
 */
import { packageVersion } from './version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The one writer, unbundled (a few small modules): `--version >/dev/full` is exit 74, not a crash.
  const { terminal } = await import('./cli/terminal-io.js');
  const io = terminal();
  io.line('stdout', packageVersion());
  process.exitCode = await io.finish(0);
} else {
  // A variable specifier: dist/cli.js exists only after the build, and has cli/main.ts's exports.
  const bundle = './cli.js';
  const { main } = (await import(bundle)) as typeof import('./cli/main.js');
  await main(process.argv);
}
