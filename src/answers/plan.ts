/**
 * Checks an answers file against a protocol without running a co-pilot: every id known, every
 * answer parsed by its slot, nothing missing. The result lists every problem at once and the plan
 * of what the session will ask and answer. For a resumed session, what the saved session already
 * holds stands and the file answers the rest.
 */
import { prefillConflict } from '../protocol/prefill.js';
import { promptCommand, scriptedCommandMessage } from '../protocol/prompt-commands.js';
import { initialState, applies, asksPerson, isDone, recordAnswer } from '../protocol/machine.js';
import { readDecision, unreadableMessage } from '../protocol/read-decision.js';
import type {
  ContextDocument,
  DecisionSlot,
  Protocol,
  RawAnswer,
  Scope,
  SessionState,
  Step,
} from '../protocol/types.js';
import { SCOPES } from '../protocol/types.js';
import { didYouMean } from '../lib/suggest.js';
import type { LoadedAnswers } from './load.js';
import type { ProtocolName } from '../cli/registry.js';

export interface PlanLine {
  readonly id: string;
  readonly phase: string;
  readonly kind: Step['kind'];
  readonly title: string;
  /** What will be used: the answer, the documented default, "drafted by the co-pilot" or "computed from the answers". */
  readonly answer: string;
}

export interface Plan {
  readonly title: string;
  readonly scope: Scope | undefined;
  readonly lines: readonly PlanLine[];
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
  /** Answers the questions' own parsers refused, for a co-pilot's second reading. */
  readonly unreadable: readonly Unreadable[];
}

/** An answer a question's parser refused: which problem line it is, and the state it was read in. */
export interface Unreadable {
  readonly id: string;
  readonly raw: string;
  readonly problem: string;
  /** Its index in `problems`. */
  readonly line: number;
  readonly state: SessionState;
}

export interface PlanOptions {
  readonly command: ProtocolName;
  readonly scope?: Scope | undefined;
  readonly context: readonly ContextDocument[];
  /** A decision the file does not answer takes the recommended option (--accept-recommended). */
  readonly acceptRecommended?: boolean;
  /** A resumed session: its answers and decisions stand, and its scope is the one it started with. */
  readonly saved?: SessionState;
}

const MADE: Readonly<Record<'draft' | 'derive', { readonly line: string; readonly why: string }>> = {
  draft: { line: 'drafted by the co-pilot', why: 'is drafted by the co-pilot' },
  derive: { line: 'computed from the answers', why: 'is computed from the answers' },
};

const show = (raw: RawAnswer): string => {
  const text = typeof raw === 'string' ? raw : raw.join('; ');
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 72 ? `${line.slice(0, 69)}...` : line;
};

export function planAnswers(protocol: Protocol, loaded: LoadedAnswers, options: PlanOptions): Plan {
  const { path, file } = loaded;
  const problems: string[] = [];
  const warnings: string[] = [];
  const unreadable: Unreadable[] = [];
  const at = (key: string, message: string): void => {
    problems.push(`${path}: ${key}: ${message}`);
  };

  if (file.command && file.command !== options.command) {
    at('command', `this file is for \`${file.command}\`, but it was given to \`${options.command}\``);
  }
  const fileScope = file.scope as Scope | undefined;
  const { saved } = options;
  if (protocol.scope && fileScope) at('scope', `\`${protocol.id}\` sessions have no scope; remove the key`);
  if (saved && !protocol.scope && fileScope && fileScope !== saved.scope) {
    warnings.push(
      `${path}: scope: the file says "${fileScope}"; the saved session's "${saved.scope}" stands`,
    );
  } else if (options.scope && fileScope && options.scope !== fileScope) {
    warnings.push(`${path}: scope: the file says "${fileScope}"; --scope ${options.scope} takes precedence`);
  }
  const scope = protocol.scope ?? saved?.scope ?? options.scope ?? fileScope;
  if (!scope) at('scope', `missing; expected one of ${SCOPES.join(', ')} (or pass --scope)`);
  const context = scope && scope !== 'system' ? options.context : [];
  // The plan's state gains each answer as it is read, so a step that applies only after an earlier
  // answer (a latency question once a component answers requests) is judged as the session will.
  let state = saved ?? initialState(protocol, file.title, scope ?? 'system', context);

  const answerable = new Map<string, Step>(protocol.steps.filter(asksPerson).map((step) => [step.id, step]));
  const allIds = [...answerable.keys(), protocol.approval.id];
  const checkKnown = (section: 'answers' | 'followups', id: string): boolean => {
    if (answerable.has(id) || id === protocol.approval.id) return true;
    const step = protocol.steps.find((candidate) => candidate.id === id);
    if (step?.kind === 'draft' || step?.kind === 'derive')
      at(`${section}.${id}`, `${MADE[step.kind].why}, not answered; remove it`);
    else if (protocol.setup.some((slot) => slot.id === id))
      at(`${section}.${id}`, `give it as the top-level key \`${id}\` instead`);
    else
      at(
        `${section}.${id}`,
        `unknown question id${didYouMean(id, allIds)}; run \`mlops-design questions\` for the list`,
      );
    return false;
  };
  for (const id of Object.keys(file.answers)) checkKnown('answers', id);
  for (const id of Object.keys(file.followups ?? {})) checkKnown('followups', id);

  const titleCheck = protocol.setup.find((slot) => slot.id === 'title')?.parse(file.title);
  if (titleCheck && !titleCheck.ok) at('title', titleCheck.error);

  const lines: PlanLine[] = [];
  const values: Record<string, unknown> = Object.fromEntries(
    Object.entries(saved?.answers ?? {}).map(([id, record]) => [id, record.value]),
  );
  for (const step of protocol.steps) {
    const base = { id: step.id, phase: step.phase, kind: step.kind, title: step.title };
    if (!applies(step, state)) {
      if (step.id in file.answers)
        warnings.push(`${path}: answers.${step.id}: ignored; asked only for ${step.when}`);
      continue;
    }
    if (step.kind === 'draft' || step.kind === 'derive') {
      lines.push({ ...base, answer: MADE[step.kind].line });
      continue;
    }
    const raw = file.answers[step.id];
    const followup = file.followups?.[step.id];
    // A resumed session's own answers stand: the file's are checked, but not asked or used.
    const done = saved !== undefined && isDone(step, saved);
    if (raw === undefined && done) {
      lines.push({ ...base, answer: 'answered in the saved session' });
      continue;
    }
    // A fact the file stated in an earlier answer stands for a question it leaves out.
    const stated = step.kind === 'question' ? step.prefill?.(state) : undefined;
    if (raw === undefined && stated && step.kind === 'question') {
      const parsed = step.parse(stated.text);
      if (parsed.ok) {
        values[step.id] = parsed.value;
        state = recordAnswer(state, step.id, { raw: stated.text, value: parsed.value });
        lines.push({ ...base, answer: `${stated.text} (from ${stated.from})` });
        continue;
      }
    }
    if (raw === undefined) {
      if (step.kind === 'question' && step.optional) {
        const fallback = step.parse(step.optional.default);
        if (fallback.ok) {
          values[step.id] = fallback.value;
          state = recordAnswer(state, step.id, { raw: step.optional.default, value: fallback.value });
        }
        lines.push({ ...base, answer: `default: ${step.optional.note}` });
      } else if (step.kind === 'decision' && (options.acceptRecommended || step.recommendedWhenUnanswered)) {
        warnings.push(
          `${path}: answers.${step.id}: not answered; the recommended option (A) is accepted by default (${options.acceptRecommended ? '--accept-recommended' : 'a decision added after answers files were written'})`,
        );
        lines.push({ ...base, answer: 'accepted by default: A (recommended)' });
      } else {
        at(
          `answers.${step.id}`,
          `missing; the session asks: "${step.prompt}"${step.kind === 'question' ? ` (e.g. ${step.example})` : ' (answer A, B, C or your own choice)'}`,
        );
      }
      continue;
    }
    // What a person types at a prompt (?, help, back, skip) is never an answer in a file.
    // A slot with its own help (an interview's hint) takes "?" as the answer, its followup as the answer after it.
    const hinted = step.kind === 'question' && step.helpAt !== undefined && promptCommand(raw) === 'help';
    const command = (hinted ? [followup] : [raw, followup]).find(
      (value) => promptCommand(value) !== undefined,
    );
    if (command !== undefined) {
      at(`answers.${step.id}`, scriptedCommandMessage(step.id, command).replace(/^[^:]*: /, ''));
      continue;
    }
    if (step.kind === 'question') {
      for (const [key, value] of [
        ['answers', raw],
        ['followups', followup],
      ] as const) {
        if (value === undefined) continue;
        const parsed = step.parse(value);
        if (!parsed.ok) {
          at(`${key}.${step.id}`, parsed.error);
          if (typeof value === 'string')
            unreadable.push({
              id: step.id,
              raw: value,
              problem: parsed.error,
              line: problems.length - 1,
              state,
            });
        } else if (key === 'answers' && !done) {
          const conflict = prefillConflict(step, value, stated);
          if (conflict) warnings.push(`${path}: ${conflict.replace(/^warning: /, 'answers.')}`);
          values[step.id] = parsed.value;
          state = recordAnswer(state, step.id, { raw: value, value: parsed.value });
        }
      }
    } else {
      const text = show(raw);
      if (text.length === 0) at(`answers.${step.id}`, 'expected A, B, C or your own choice in words');
      for (const [key, value] of [
        ['answers', raw],
        ['followups', followup],
      ] as const) {
        const problem = value === undefined ? undefined : unreadableWords(step, show(value));
        if (problem) at(`${key}.${step.id}`, problem);
      }
      if (text.toUpperCase() === 'C' && (followup === undefined || show(followup).toUpperCase() === 'C')) {
        at(
          `followups.${step.id}`,
          'answer C asks for more detail, so a final choice (A, B or your own words) is needed under followups',
        );
      }
    }
    lines.push({
      ...base,
      answer: done
        ? 'answered in the saved session'
        : followup === undefined
          ? show(raw)
          : `${show(raw)} -> ${show(followup)}`,
    });
  }

  const approval = file.answers[protocol.approval.id];
  if (approval === undefined) {
    at(
      `answers.${protocol.approval.id}`,
      'missing; a scripted session writes the document only with `approval: yes`',
    );
  } else {
    const parsed = protocol.approval.parse(approval);
    if (!parsed.ok) at(`answers.${protocol.approval.id}`, parsed.error);
    else if (!parsed.value.approved)
      at(
        `answers.${protocol.approval.id}`,
        'an answers file must approve ("yes"); revising a phase needs a person at the prompt',
      );
    lines.push({
      id: protocol.approval.id,
      phase: 'approval',
      kind: 'question',
      title: protocol.approval.title,
      answer: show(approval),
    });
  }

  if (problems.length === 0) {
    for (const problem of protocol.check?.(values) ?? []) at(`answers.${problem.id}`, problem.message);
  }
  return { title: file.title, scope, lines, problems, warnings, unreadable };
}

/**
 * Own words that read as no value of the decision, or as several, fail before the session starts.
 * Option keys pass, and so do words for decisions that pick parts of the design (component or
 * pipeline names), which exist only once the design is drafted and are read then.
 */
function unreadableWords(slot: DecisionSlot, text: string): string | undefined {
  if (/^[abc]$/i.test(text) || text.length === 0) return undefined;
  const reading = readDecision(slot, text, undefined, undefined);
  if (reading.kind === 'read' || (reading.kind === 'unknown' && slot.items)) return undefined;
  return unreadableMessage(slot, text, reading);
}
