/**
 * `mlops-design design`, `pipeline` and `interview`: a whole session, interactive or from an answers
 * file, to its document.
 */
import { resolve } from 'node:path';
import type { GlobalOptions } from '../options.js';
import { runSessionCommand } from '../session-bootstrap.js';
import type { SessionKind } from '../session-kind.js';

export async function runStart(
  kind: SessionKind,
  globals: GlobalOptions,
  flags: Readonly<Record<string, unknown>>,
): Promise<void> {
  const options = kind.options(flags);
  if (options.instead) {
    await options.instead(globals);
    return;
  }
  await runSessionCommand(globals, { kind, options, outDir: resolve(globals.out) });
}
