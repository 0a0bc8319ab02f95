/**
 * The one writer: every line the program prints goes through here, to stdout (results) or stderr
 * (everything else). It sanitises each line (outside text may carry terminal sequences: a file's
 * keys, a server's error text, a session file, a history log, a file name), keeps only the program's
 * own colour codes when colour is on, and redacts the API key whatever a server echoed back.
 *
 * It also owns the streams' failures, so a failed write is never an uncaught exception:
 * - a reader that went away (EPIPE: `| head -1`) is not an error of ours: that stream takes no more
 *   writes and the program ends with the exit code it would have had;
 * - any other failure (ENOSPC on /dev/full, EIO) drops the stream's later writes, the command runs
 *   to its end (the documents it writes are the product), and the exit code is then 74, with one
 *   line on stderr when it was stdout that failed and stderr still works. A broken stderr is the
 *   same: progress and warnings are lost, the documents are written, and the run ends 74, because
 *   a CI job must not pass while the warnings it asked for went nowhere; a command that failed on its
 *   own keeps its own code.
 */
import { ExitCode } from '../errors.js';
import { redact, secretsIn } from '../lib/redact.js';
import { sanitize, sanitizeKeepingColour } from '../lib/sanitize.js';

export type Channel = 'stdout' | 'stderr';

interface Failure {
  readonly code: string;
  /** EPIPE: the reader went away; anything else is an I/O error. */
  readonly closed: boolean;
}

export interface TerminalStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface Terminal {
  /** A line (a newline is added), sanitised and redacted; `colour` keeps the program's own colour codes. */
  line(channel: Channel, text: string, options?: { readonly colour?: boolean }): void;
  /** Outside text shown as it arrives (a model's prose), sanitised and redacted, no newline added. */
  text(channel: Channel, text: string): void;
  /** The program's own control bytes for a terminal (a spinner's `\r`, a preview's erase), written as they are. */
  control(channel: Channel, bytes: string): void;
  /** Whether writes to this stream still go anywhere. */
  writable(channel: Channel): boolean;
  /** The stream itself, for its isTTY and columns (and for a prompt library that writes on its own). */
  stream(channel: Channel): NodeJS.WritableStream;
  /** Waits for every write so far to complete (or fail). */
  flush(): Promise<void>;
  /** The exit code to end with, given the command's own; reports a failed stdout on stderr. */
  finish(code: number): Promise<number>;
}

const DESTROYED = 'ERR_STREAM_DESTROYED';

const errorCode = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'EIO';
};

export function createTerminal(streams: TerminalStreams, secrets: readonly string[] = []): Terminal {
  const failures: Partial<Record<Channel, Failure>> = {};
  let pending = 0;
  let waiters: (() => void)[] = [];

  const fail = (channel: Channel, error: unknown): void => {
    const code = errorCode(error);
    // The first failure is the one that counts; a write after it only says the stream is gone.
    if (failures[channel] !== undefined || code === DESTROYED) return;
    failures[channel] = { code, closed: code === 'EPIPE' };
  };
  for (const channel of ['stdout', 'stderr'] as const) {
    // A listener stays for the life of the process: with none, a stream's error is an uncaught exception.
    streams[channel].on('error', (error: unknown) => {
      fail(channel, error);
    });
  }

  const settle = (): void => {
    pending -= 1;
    if (pending > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const writable = (channel: Channel): boolean => {
    const stream = streams[channel] as NodeJS.WritableStream & {
      readonly destroyed?: boolean;
      readonly writableEnded?: boolean;
    };
    return failures[channel] === undefined && stream.destroyed !== true && stream.writableEnded !== true;
  };

  const write = (channel: Channel, bytes: string): void => {
    if (!writable(channel)) return;
    pending += 1;
    try {
      streams[channel].write(bytes, (error?: Error | null) => {
        if (error) fail(channel, error);
        settle();
      });
    } catch (error) {
      // A stream that throws instead of calling back (a custom one) is handled the same way.
      fail(channel, error);
      settle();
    }
  };

  const clean = (text: string, colour: boolean): string => {
    const plain = redact(sanitize(text), secrets);
    if (!colour) return plain;
    const styled = redact(sanitizeKeepingColour(text), secrets);
    // A secret split by colour codes would show whole on the screen: such a line loses its colour.
    return sanitize(styled) === plain ? styled : plain;
  };

  const terminal: Terminal = {
    line: (channel, text, options = {}) => {
      write(channel, `${clean(text, options.colour === true)}\n`);
    },
    text: (channel, text) => {
      write(channel, clean(text, false));
    },
    control: (channel, bytes) => {
      write(channel, bytes);
    },
    writable,
    stream: (channel) => streams[channel],
    flush: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    finish: async (code) => {
      await terminal.flush();
      const stdout = failures.stdout;
      const stderr = failures.stderr;
      const lost = [stdout, stderr].some((failure) => failure !== undefined && !failure.closed);
      if (code !== ExitCode.ok || !lost) return code;
      if (stdout !== undefined && !stdout.closed) {
        terminal.line(
          'stderr',
          `mlops-design: cannot write to standard output (${stdout.code}); the results printed there are incomplete`,
        );
        await terminal.flush();
      }
      return ExitCode.ioError;
    },
  };
  return terminal;
}

let processTerminal: Terminal | undefined;

/** The process's own terminal, created (and its streams' error listeners attached) on first use. */
export function terminal(): Terminal {
  processTerminal ??= createTerminal(
    { stdout: process.stdout, stderr: process.stderr },
    secretsIn(process.env),
  );
  return processTerminal;
}
