/**
 * Checks an answers file against a protocol without running a co-pilot: every id known, every
 * answer parsed by its slot, nothing missing. The result lists every problem at once and the plan
 * of what the session will ask and answer.
 */
import { initialState, applies } from '../protocol/machine.js';
import { readDecision, unreadableMessage } from '../protocol/read-decision.js';
import type { ContextDocument, DecisionSlot, Protocol, RawAnswer, Scope, Step } from '../protocol/types.js';
import { SCOPES } from '../protocol/types.js';
import { didYouMean } from '../lib/suggest.js';
import type { LoadedAnswers } from './load.js';
import type { CommandName } from './schema.js';

export interface PlanLine {
  readonly id: string;
  readonly phase: string;
  readonly kind: Step['kind'];
  readonly title: string;
  /** What will be used: the answer, the documented default, or "drafted by the co-pilot". */
  readonly answer: string;
}

export interface Plan {
  readonly title: string;
  readonly scope: Scope | undefined;
  readonly lines: readonly PlanLine[];
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

export interface PlanOptions {
  readonly command: CommandName;
  readonly scope?: Scope | undefined;
  readonly context: readonly ContextDocument[];
  /** A decision the file does not answer takes the recommended option (--accept-recommended). */
  readonly acceptRecommended?: boolean;
}

const show = (raw: RawAnswer): string => {
  const text = typeof raw === 'string' ? raw : raw.join('; ');
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 72 ? `${line.slice(0, 69)}...` : line;
};

export function planAnswers(protocol: Protocol, loaded: LoadedAnswers, options: PlanOptions): Plan {
  const { path, file } = loaded;
  const problems: string[] = [];
  const warnings: string[] = [];
  const at = (key: string, message: string): void => {
    problems.push(`${path}: ${key}: ${message}`);
  };

  if (file.command && file.command !== options.command) {
    at('command', `this file is for \`${file.command}\`, but it was given to \`${options.command}\``);
  }
  const fileScope = file.scope as Scope | undefined;
  if (protocol.scope && fileScope) at('scope', `\`${protocol.id}\` sessions have no scope; remove the key`);
  if (options.scope && fileScope && options.scope !== fileScope) {
    warnings.push(`${path}: scope: the file says "${fileScope}"; --scope ${options.scope} takes precedence`);
  }
  const scope = protocol.scope ?? options.scope ?? fileScope;
  if (!scope) at('scope', `missing; expected one of ${SCOPES.join(', ')} (or pass --scope)`);
  const context = scope && scope !== 'system' ? options.context : [];
  const state = initialState(protocol, file.title, scope ?? 'system', context);

  const answerable = new Map<string, Step>(
    protocol.steps.filter((step) => step.kind !== 'draft').map((step) => [step.id, step]),
  );
  const allIds = [...answerable.keys(), protocol.approval.id];
  const checkKnown = (section: 'answers' | 'followups', id: string): boolean => {
    if (answerable.has(id) || id === protocol.approval.id) return true;
    const step = protocol.steps.find((candidate) => candidate.id === id);
    if (step?.kind === 'draft') at(`${section}.${id}`, 'is drafted by the co-pilot, not answered; remove it');
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
  const values: Record<string, unknown> = {};
  for (const step of protocol.steps) {
    const base = { id: step.id, phase: step.phase, kind: step.kind, title: step.title };
    if (!applies(step, state)) {
      if (step.id in file.answers)
        warnings.push(`${path}: answers.${step.id}: ignored; asked only for ${step.when}`);
      continue;
    }
    if (step.kind === 'draft') {
      lines.push({ ...base, answer: 'drafted by the co-pilot' });
      continue;
    }
    const raw = file.answers[step.id];
    const followup = file.followups?.[step.id];
    if (raw === undefined) {
      if (step.kind === 'question' && step.optional) {
        const fallback = step.parse(step.optional.default);
        if (fallback.ok) values[step.id] = fallback.value;
        lines.push({ ...base, answer: `default: ${step.optional.note}` });
      } else if (step.kind === 'decision' && options.acceptRecommended) {
        warnings.push(
          `${path}: answers.${step.id}: not answered; the recommended option (A) is accepted by default (--accept-recommended)`,
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
    if (step.kind === 'question') {
      for (const [key, value] of [
        ['answers', raw],
        ['followups', followup],
      ] as const) {
        if (value === undefined) continue;
        const parsed = step.parse(value);
        if (!parsed.ok) at(`${key}.${step.id}`, parsed.error);
        else if (key === 'answers') values[step.id] = parsed.value;
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
    lines.push({ ...base, answer: followup === undefined ? show(raw) : `${show(raw)} -> ${show(followup)}` });
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
  return { title: file.title, scope, lines, problems, warnings };
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
