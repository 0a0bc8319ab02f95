// Like spawnPty (pty-session.ts), for tests that need more than the keyboard: the program's pid, to
// send it signals as another process would, and the raw bytes it printed, escape sequences
// included, to check what colour and styling reached the terminal.
import * as pty from 'node-pty';
import { KEY } from './pty-keys.js';
import type { PtyOptions, PtySession } from './pty-session.js';
import { Transcript } from './pty-transcript.js';

export interface PtyProcess extends PtySession {
  /** The program's process id (the PTY runs it directly, with no shell in between). */
  readonly pid: number;
  /** Everything printed so far, exactly as the terminal received it. */
  raw(): string;
}

export function spawnPtyProcess(file: string, args: readonly string[], options: PtyOptions): PtyProcess {
  const screen = new Transcript();
  let raw = '';
  const child = pty.spawn(file, [...args], {
    name: options.env.TERM ?? 'xterm-256color',
    cols: options.cols ?? 200,
    rows: options.rows ?? 50,
    cwd: options.cwd,
    env: options.env,
  });
  let running = true;
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
