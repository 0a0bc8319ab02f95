/**
 * The interactive respondent: prompts on the terminal through @inquirer/prompts, loaded on first
 * use so commands that never prompt never pay for it. Prompts write to stderr: stdout is for results.
 * A cancelled prompt (Ctrl-C, the end of input, a signal) becomes the project's own Interrupted
 * error here, at the adapter's boundary, and nowhere else: the rest of the program never sees
 * inquirer's errors.
 */
import { Writable } from 'node:stream';
import { Interrupted } from '../errors.js';
import type { AskRequest, ChooseRequest, PickRequest, Respondent } from './port.js';

type Prompts = typeof import('@inquirer/prompts');

export interface TerminalOptions {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  /** Writes a line of guidance above a prompt (the CLI's styled stderr writer). */
  readonly say: (text: string) => void;
  /** Aborts a waiting prompt (SIGINT, SIGTERM); its reason says which. */
  readonly signal?: AbortSignal;
  /** Whether the input has ended, to tell Ctrl-D from Ctrl-C. */
  readonly inputEnded?: () => boolean;
}

/** What cancelled a prompt: the signal that aborted it, the end of input, or Ctrl-C at the prompt. */
function cancelledBy(options: TerminalOptions): Interrupted['by'] {
  const { signal } = options;
  if (signal?.aborted) return signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  return options.inputEnded?.() ? 'EOF' : 'SIGINT';
}

export function terminalRespondent(options: TerminalOptions): Respondent {
  let prompts: Promise<Prompts> | undefined;
  const load = (): Promise<Prompts> => (prompts ??= import('@inquirer/prompts'));
  /** inquirer rejects a cancelled prompt with ExitPromptError (Ctrl-C, end of input) or AbortPromptError (a signal). */
  const cancellable = <T>(answer: Promise<T>): Promise<T> =>
    answer.catch((error: unknown) => {
      const name = error instanceof Error ? error.name : '';
      throw name === 'ExitPromptError' || name === 'AbortPromptError'
        ? new Interrupted(cancelledBy(options))
        : error;
    });
  // A function, not an object: every prompt gets its own output (see promptOutput).
  const context = (): {
    input?: NodeJS.ReadableStream;
    output: NodeJS.WritableStream;
    signal?: AbortSignal;
  } => ({
    ...(options.input ? { input: options.input } : {}),
    output: promptOutput(options.output ?? process.stderr),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  return {
    interactive: true,
    async ask({ slot, prompt, attempt, message, suggested }: AskRequest) {
      const { input, select } = await load();
      if (attempt === 'after-error' && message) options.say(`That did not work: ${message}`);
      if (slot.choices) {
        return cancellable(
          select(
            {
              message: prompt,
              choices: slot.choices.map((choice) => ({ value: choice.value, name: choice.label })),
            },
            context(),
          ),
        );
      }
      const hint = slot.answer === 'list' ? ' (separate several with ";")' : '';
      const optional = slot.optional && !suggested ? ` [Enter for ${slot.optional.note}]` : '';
      if (suggested) options.say(`From ${suggested.from}: Enter accepts "${suggested.text}"`);
      const answer = await cancellable(
        input(
          { message: `${prompt}${hint}${optional}`, ...(suggested ? { default: suggested.text } : {}) },
          context(),
        ),
      );
      return answer.trim() === '' && slot.optional ? slot.optional.default : answer;
    },
    async choose({ slot, proposal }: ChooseRequest) {
      const { input, select } = await load();
      const [a, b] = proposal.options;
      const picked = await cancellable(
        select(
          {
            message: slot.prompt,
            choices: [
              { value: 'A', name: `A) ${a.label} (recommended)` },
              { value: 'B', name: `B) ${b.label}` },
              { value: 'C', name: 'C) More detail first' },
              { value: 'other', name: 'Something else (type it)' },
            ],
          },
          context(),
        ),
      );
      if (picked !== 'other') return picked;
      return cancellable(input({ message: 'Your choice, in a few words:' }, context()));
    },
    async pick({ message, choices }: PickRequest) {
      const { select } = await load();
      return cancellable(
        select(
          { message, choices: choices.map((choice) => ({ value: choice.value, name: choice.name })) },
          context(),
        ),
      );
    },
  };
}

/**
 * @inquirer/core ends the output stream it was given when a prompt finishes, except process.stdout
 * and process.stderr. A caller's own stream (a test's, or a terminal's) must outlive one prompt,
 * so each prompt writes through a fresh forwarder that carries the terminal's size and TTY flag.
 */
function promptOutput(target: NodeJS.WritableStream): NodeJS.WritableStream {
  if (target === process.stderr || target === process.stdout) return target;
  const forward = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      target.write(chunk, callback);
    },
  });
  const tty = target as Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'rows'>>;
  return Object.assign(forward, { isTTY: tty.isTTY, columns: tty.columns, rows: tty.rows });
}
