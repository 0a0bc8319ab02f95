// The built binary in a pseudo-terminal, for one test file: a fresh home per run (state, config and
// an `out/` folder under it), removed with the session after each test.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { ptyEnv, spawnPty, type PtySession } from './pty-session.js';

const BIN = resolve(import.meta.dirname, '../../dist/bin.js');

export interface PtyRun {
  readonly run: PtySession;
  readonly home: string;
  readonly out: string;
  /** Wait for a prompt, then type the answer and Enter. */
  readonly ask: (prompt: RegExp, answer: string) => Promise<void>;
}

export function usePtyCli(
  prefix: string,
): (args: (out: string) => readonly string[], size?: { cols?: number; rows?: number }) => PtyRun {
  let home = '';
  let session: PtySession | undefined;
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
  });
  afterEach(() => {
    session?.dispose();
    session = undefined;
    if (home) rmSync(home, { recursive: true, force: true });
    home = '';
  });
  return (args, size = {}) => {
    home = mkdtempSync(join(tmpdir(), `mlops-design-e2e-${prefix}-`));
    const out = join(home, 'out');
    mkdirSync(out);
    const run = spawnPty(process.execPath, [BIN, ...args(out)], { cwd: home, env: ptyEnv(home), ...size });
    session = run;
    return {
      run,
      home,
      out,
      ask: async (prompt, answer) => {
        await run.waitFor(prompt);
        run.answer(answer);
      },
    };
  };
}
