/**
 * The interactive respondent: prompts on the terminal through @inquirer/prompts, loaded on first
 * use so commands that never prompt never pay for it. Prompts write to stderr: stdout is for results.
 * A cancelled prompt (Ctrl-C, the end of input, a signal) becomes the project's own Interrupted
 * error here, at the adapter's boundary, and nowhere else: the rest of the program never sees
 * inquirer's errors.
 */
import { emitKeypressEvents } from 'node:readline';
import { Writable } from 'node:stream';
import { Interrupted, interruptionOf } from '../errors.js';
import { terminalWidth, wrapProse } from '../lib/wrap-text.js';
import { BACK, type AskRequest, type ChooseRequest, type PickRequest, type Respondent } from './port.js';
import type { QuestionSlot } from '../protocol/types.js';

type Prompts = typeof import('@inquirer/prompts');
type Separator = InstanceType<Prompts['Separator']>;

export interface TerminalOptions {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  /** Writes a line of guidance above a prompt (the CLI's styled stderr writer). */
  readonly say: (text: string) => void;
  /** Aborts a waiting prompt (SIGINT, SIGTERM); its reason says which. */
  readonly signal?: AbortSignal;
  /** Whether the input has ended, to tell Ctrl-D from Ctrl-C. */
  readonly inputEnded?: () => boolean;
  /** Writes where the person is ("Phase 2/6 · Estimation · question 3 of 9") above each prompt. */
  readonly progress?: (text: string) => void;
}

/** What cancelled a prompt: the signal that aborted it, the end of input, or Ctrl-C at the prompt. */
function cancelledBy(options: TerminalOptions): Interrupted['by'] {
  return interruptionOf(options.signal)?.by ?? (options.inputEnded?.() ? 'EOF' : 'SIGINT');
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
  const context = (
    escape?: AbortSignal,
  ): {
    input?: NodeJS.ReadableStream;
    output: NodeJS.WritableStream;
    signal?: AbortSignal;
  } => {
    const signals = [options.signal, escape].filter((signal) => signal !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    return {
      ...(options.input ? { input: options.input } : {}),
      output: promptOutput(options.output ?? process.stderr),
      ...(signal ? { signal } : {}),
    };
  };
  /**
   * A select that Esc leaves: inquirer ignores Esc, so the keypress is watched here and aborts the
   * prompt, which then answers BACK. readline tells a lone Esc from an escape sequence by waiting
   * briefly after it.
   */
  const escapable = async (prompt: (escape: AbortSignal) => Promise<string>): Promise<string> => {
    const input = options.input ?? process.stdin;
    const escape = new AbortController();
    const onKey = (_text: unknown, key?: { readonly name?: string }): void => {
      if (key?.name === 'escape') escape.abort('back');
    };
    emitKeypressEvents(input);
    input.on('keypress', onKey);
    try {
      return await prompt(escape.signal);
    } catch (error) {
      if (escape.signal.aborted && !options.signal?.aborted) return BACK;
      throw error;
    } finally {
      input.off('keypress', onKey);
    }
  };
  const selectWithEscape = async (config: Parameters<Prompts['select']>[0]): Promise<string> => {
    const { select } = await load();
    return escapable((escape) => cancellable(select(config, context(escape)) as Promise<string>));
  };

  // inquirer folds a long line at the terminal's edge, mid-word: messages, descriptions and a long
  // answer are wrapped here at word boundaries first, so inquirer never has to.
  const width = (): number =>
    terminalWidth(
      (options.output ?? process.stderr) as Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'columns'>>,
    );
  const wrapMessage = (text: string): string => wrapProse(text, width() - 2);
  const wrapAnswer =
    (message: string) =>
    (value: string, { isFinal }: { isFinal: boolean }) => {
      const lastLine = message.split('\n').at(-1) ?? '';
      return isFinal && lastLine.length + value.length + 4 > width()
        ? `\n${wrapProse(value, width())}`
        : value;
    };

  return {
    interactive: true,
    async ask({ slot, prompt, progress, attempt, message, suggested, previous }: AskRequest) {
      const { input } = await load();
      if (progress !== 'Setup' && progress !== 'Approval') options.progress?.(progress);
      if (attempt === 'after-error' && message) options.say(`That did not work: ${message}`);
      if (slot.choices) {
        // Highlighted first: the earlier answer, else a carried one, else the optional default.
        const values = slot.choices.map((choice) => choice.value);
        const preset = [previous, suggested?.text, slot.optional?.default].find(
          (candidate): candidate is string =>
            candidate !== undefined && values.includes(choiceValue(slot, candidate)),
        );
        if (previous === undefined && suggested && preset === suggested.text)
          options.say(`From ${suggested.from}: Enter accepts "${suggested.text}"`);
        return selectWithEscape({
          message: wrapMessage(prompt),
          choices: slot.choices.map((choice) => ({ value: choice.value, name: choice.label })),
          ...(preset === undefined ? {} : { default: choiceValue(slot, preset) }),
        });
      }
      const hint = slot.answer === 'list' ? ' (separate several with ";")' : '';
      const fallback = previous ?? suggested?.text;
      const optional = slot.optional && fallback === undefined ? ` [Enter for ${slot.optional.note}]` : '';
      if (previous !== undefined) options.say(`Your earlier answer: Enter keeps it, or type a new one.`);
      else if (suggested) options.say(`From ${suggested.from}: Enter accepts "${suggested.text}"`);
      const question = wrapMessage(`${prompt}${hint}${optional}`);
      const answer = await cancellable(
        input(
          {
            message: question,
            transformer: wrapAnswer(question),
            ...(fallback !== undefined ? { default: fallback } : {}),
          },
          context(),
        ),
      );
      return answer.trim() === '' && slot.optional ? slot.optional.default : answer;
    },
    async choose({ slot, proposal, progress, previous }: ChooseRequest) {
      const { input } = await load();
      options.progress?.(progress);
      const [a, b] = proposal.options;
      // The options are listed here, once: the block above explains, takes a position and weighs them.
      const picked = await selectWithEscape({
        message: wrapMessage(slot.prompt),
        choices: [
          { value: 'A', name: `A) ${a.label} (recommended)`, description: wrapProse(a.summary, width()) },
          { value: 'B', name: `B) ${b.label}`, description: wrapProse(b.summary, width()) },
          { value: 'C', name: 'C) More detail first' },
          { value: 'other', name: 'Something else (type it)' },
        ],
        ...(previous ? { default: previous.words !== undefined ? 'other' : (previous.key ?? 'A') } : {}),
      });
      if (picked !== 'other') return picked;
      return cancellable(
        input(
          {
            message: 'Your choice, in a few words:',
            transformer: wrapAnswer('Your choice, in a few words:'),
            ...(previous?.words !== undefined ? { default: previous.words } : {}),
          },
          context(),
        ),
      );
    },
    async pick({ message, choices }: PickRequest) {
      const { Separator } = await load();
      const listed: (Separator | { value: string; name: string })[] = [];
      let group: string | undefined;
      for (const choice of choices) {
        if (choice.group !== undefined && choice.group !== group) {
          group = choice.group;
          listed.push(new Separator(`── ${group}`));
        }
        listed.push({ value: choice.value, name: choice.name });
      }
      return selectWithEscape({ message: wrapMessage(message), choices: listed, pageSize: 12 });
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

/** The choice a text names: itself, or what the slot's parser reads it as ("standard" is "Standard"). */
function choiceValue(slot: QuestionSlot, text: string): string {
  if (slot.choices?.some((choice) => choice.value === text)) return text;
  const parsed = slot.parse(text);
  return parsed.ok && typeof parsed.value === 'string' ? parsed.value : text;
}
