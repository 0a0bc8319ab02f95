/**
 * The interactive respondent: prompts on the terminal through @inquirer/prompts, loaded on first
 * use so commands that never prompt never pay for it. Prompts write to stderr: stdout is for results.
 * Cancellation (Ctrl-C, EOF) surfaces as inquirer's own errors; the CLI decides what they mean.
 */
import { Writable } from 'node:stream';
import type { AskRequest, ChooseRequest, PickRequest, Respondent } from './port.js';

type Prompts = typeof import('@inquirer/prompts');

export interface TerminalOptions {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  /** Writes a line of guidance above a prompt (the CLI's styled stderr writer). */
  readonly say: (text: string) => void;
  readonly signal?: AbortSignal;
}

export function terminalRespondent(options: TerminalOptions): Respondent {
  let prompts: Promise<Prompts> | undefined;
  const load = (): Promise<Prompts> => (prompts ??= import('@inquirer/prompts'));
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
    async ask({ slot, prompt, attempt, message }: AskRequest) {
      const { input, select } = await load();
      if (attempt === 'after-error' && message) options.say(`That did not work: ${message}`);
      if (slot.choices) {
        return select(
          {
            message: prompt,
            choices: slot.choices.map((choice) => ({ value: choice.value, name: choice.label })),
          },
          context(),
        );
      }
      const hint = slot.answer === 'list' ? ' (separate several with ";")' : '';
      const optional = slot.optional ? ` [Enter for ${slot.optional.note}]` : '';
      const answer = await input({ message: `${prompt}${hint}${optional}` }, context());
      return answer.trim() === '' && slot.optional ? slot.optional.default : answer;
    },
    async choose({ slot, proposal }: ChooseRequest) {
      const { input, select } = await load();
      const [a, b] = proposal.options;
      const picked = await select(
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
      );
      if (picked !== 'other') return picked;
      return input({ message: 'Your choice, in a few words:' }, context());
    },
    async pick({ message, choices }: PickRequest) {
      const { select } = await load();
      return select(
        { message, choices: choices.map((choice) => ({ value: choice.value, name: choice.name })) },
        context(),
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
