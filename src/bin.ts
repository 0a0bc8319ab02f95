#!/usr/bin/env node
/**
 * The executable. `--version` is answered here without loading the CLI, so it costs little more
 * than starting Node; everything else loads the command-line program.
 */
import { packageVersion } from './version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { main } = await import('./cli/main.js');
  await main(process.argv);
}
