/**
 * Where text goes: results to stdout, everything else to stderr, each line through the one writer
 * (terminal-io.ts), which sanitises it and redacts secrets. One colour switch governs every styled
 * string the program prints (chalk does not read NO_COLOR on its own): with colour off the writer
 * strips every escape code, with it on it keeps plain colour codes only. Written files never contain
 * escape codes.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { terminal, type Terminal } from './terminal-io.js';

export interface ColourInputs {
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY: boolean;
  /** false when --no-color was given. */
  readonly flag: boolean;
}

export function colourEnabled({ env, isTTY, flag }: ColourInputs): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (
    env.FORCE_COLOR !== undefined &&
    env.FORCE_COLOR !== '' &&
    env.FORCE_COLOR !== '0' &&
    env.FORCE_COLOR !== 'false'
  )
    return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export interface Output {
  readonly style: ChalkInstance;
  readonly quiet: boolean;
  /** A result line on stdout. */
  result(text: string): void;
  /** Guidance and progress on stderr (suppressed by --quiet). */
  info(text: string): void;
  /** Warnings and errors on stderr (never suppressed). */
  warn(text: string): void;
}

export function createOutput(options: { colour: boolean; quiet: boolean; terminal?: Terminal }): Output {
  const io = options.terminal ?? terminal();
  const style = new Chalk({ level: options.colour ? 1 : 0 });
  const line = { colour: options.colour };
  return {
    style,
    quiet: options.quiet,
    result: (text) => {
      io.line('stdout', text, line);
    },
    info: (text) => {
      if (!options.quiet) io.line('stderr', text, line);
    },
    warn: (text) => {
      io.line('stderr', text, line);
    },
  };
}
