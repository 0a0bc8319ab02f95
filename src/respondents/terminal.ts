/**
 * The interactive respondent: prompts on the terminal through @inquirer/prompts, loaded on first
 * use so commands that never prompt never pay for it. Prompts write to stderr: stdout is for results.
 * Cancellation (Ctrl-C, EOF) surfaces as inquirer's own errors; the CLI decides what they mean.
 */
import type { AskRequest, ChooseRequest, Respondent } from './port.js';

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
  const context = {
    ...(options.input ? { input: options.input } : {}),
    output: options.output ?? process.stderr,
    ...(options.signal ? { signal: options.signal } : {}),
  };

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
          context,
        );
      }
      if (slot.answer === 'approval') {
        return select(
          {
            message: prompt,
            choices: [
              { value: 'yes', name: 'Yes, write the document' },
              ...['requirements', 'estimation', 'high-level', 'deep-dive', 'tradeoffs', 'operations'].map(
                (phase) => ({ value: phase, name: `Revise ${phase}` }),
              ),
            ],
          },
          context,
        );
      }
      const hint = slot.answer === 'list' ? ' (separate several with ";")' : '';
      const optional = slot.optional ? ` [Enter for ${slot.optional.note}]` : '';
      const answer = await input({ message: `${prompt}${hint}${optional}` }, context);
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
        context,
      );
      if (picked !== 'other') return picked;
      return input({ message: 'Your choice, in a few words:' }, context);
    },
  };
}
