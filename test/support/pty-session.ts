// Runs a program in a real pseudo-terminal (node-pty) and drives it like a person at a keyboard:
// wait for a prompt on the screen, then type. Output is read through a Transcript; the pid (to
// send signals as another process would) and the raw bytes (escape sequences included, to check
// what styling reached the terminal) are there for tests that need them.
import { join } from 'node:path';
import * as pty from 'node-pty';
import { KEY } from './pty-keys.js';
import { Transcript } from './pty-transcript.js';

export interface PtySession {
  /** The program's process id (the PTY runs it directly, with no shell in between). */
  readonly pid: number;
  /** Everything printed so far, exactly as the terminal received it. */
  raw(): string;
  readonly screen: Transcript;
  /** Resolves with the exit code once the program has exited. */
  readonly exited: Promise<number>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  write(data: string): void;
  /** Types a line and presses Enter. */
  answer(text: string): void;
  /** Kills the program if it is still running (safe to call twice). */
  dispose(): void;
}

export interface PtyOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly cols?: number;
  readonly rows?: number;
}

export function spawnPty(file: string, args: readonly string[], options: PtyOptions): PtySession {
  const screen = new Transcript();
  const child = pty.spawn(file, [...args], {
    name: options.env.TERM ?? 'xterm-256color',
    cols: options.cols ?? 200,
    rows: options.rows ?? 50,
    cwd: options.cwd,
    env: options.env,
  });
  let running = true;
  let raw = '';
  child.onData((data) => {
    raw += data;
    screen.append(data);
  });
  const exited = new Promise<number>((resolve) => {
    child.onExit(({ exitCode }) => {
      running = false;
      screen.end(`the program exited with code ${exitCode}`);
      resolve(exitCode);
    });
  });
  return {
    pid: child.pid,
    raw: () => raw,
    screen,
    exited,
    waitFor: (pattern, timeoutMs) => screen.waitFor(pattern, timeoutMs),
    write: (data) => {
      child.write(data);
    },
    answer: (text) => {
      child.write(`${text}${KEY.enter}`);
    },
    dispose: () => {
      if (running) child.kill();
    },
  };
}

/**
 * Only what the program needs in a terminal: no CI (it refuses to prompt), no ANTHROPIC_*, no
 * FORCE_COLOR, state and config under `home`. `colour: true` leaves NO_COLOR unset.
 */
export function ptyEnv(home: string, options: { colour?: boolean } = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TERM: 'xterm-256color',
    ...(options.colour ? {} : { NO_COLOR: '1' }),
    MLOPS_DESIGN_STATE_DIR: join(home, 'state'),
    XDG_STATE_HOME: join(home, 'xdg-state'),
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
  };
}
