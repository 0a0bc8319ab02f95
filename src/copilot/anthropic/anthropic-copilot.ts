/**
 * The Anthropic co-pilot: the same protocol, ids, numbers and rules, with a model writing the prose
 * for this user's system. The model is outside input. Every step starts from the offline co-pilot's
 * answer (the baseline); the model is given that baseline's prose, keyed by the baseline's own ids,
 * and answers with prose for those keys only. What it sends is checked against the design's
 * invariants (model-prose.ts): an unknown or repeated key is dropped, a placeholder or a number the
 * session does not have is asked to be repaired once and then the baseline's text stays. Numbers,
 * ids, structure, diagrams, decision values, push-backs and reports are never the model's. Beyond
 * prose, the model reads answers the tool cannot (reread: the person confirms the reading) and
 * gives the finished design a second opinion (findings about ids it has, advisory).
 *
 * Economy: one request phrases all the questions of a phase, one words each decision's proposal,
 * one each draft. At each question or decision the steps ahead are walked as if each decision took
 * its recommendation (speculate.ts) and their requests sent, so the person rarely waits: a step
 * whose baseline turned out the same uses the answer already in hand; otherwise it asks again
 * (flights.ts: requests keyed by what they ask, so a recording replays whatever the timing was).
 */
import { z } from 'zod';
import { AppError, ExitCode } from '../../errors.js';
import type { Guide } from '../../knowledge/guide.js';
import type { Knowledge } from '../../knowledge/load.js';
import { sanitize } from '../../lib/sanitize.js';
import { firstIssue } from '../../lib/zod-issue.js';
import type {
  DecisionSlot,
  DraftStep,
  Proposal,
  Protocol,
  QuestionSlot,
  SessionState,
  Step,
} from '../../protocol/types.js';
import type { CoPilot } from '../port.js';
import type { MessagesClient, ModelTool } from './client.js';
import { checkFindings, checkProse, type Refusal } from './model-prose.js';
import { numeralSet } from './numerals.js';
import { systemBlocks, stateSummary, turnMessage } from './prompts.js';
import { applyProse, partition, proseEntries, type ProseEntry, type ProseMap } from './prose-patch.js';
import { Flights, NO_PROSE, digest, flight as startFlight, type InFlight, type Prose } from './flights.js';
import { phasesAhead, speculate } from './speculate.js';
import { recordDraft } from '../../protocol/machine.js';
import { addUsage, emptyUsage, type Usage } from './usage.js';

/** The prose of a proposal a model may reword: the options' values, labels and tradeoffs stay. */
const PROPOSAL_PROSE: ProseMap = ['explain', 'position', 'options[key].summary'];

const proseSchema = z.strictObject({
  prose: z.array(z.strictObject({ key: z.string().max(160), text: z.string().max(2_000) })).max(80),
});
const readingSchema = z.strictObject({ reading: z.string().max(300).nullable() });
const findingsSchema = z.strictObject({
  findings: z
    .array(
      z.strictObject({
        about: z.string().max(120),
        finding: z.string().max(600),
        evidence: z.string().max(600),
      }),
    )
    .max(5),
});

const tool = (name: string, description: string, schema: z.ZodType): ModelTool => {
  // The tools API takes a JSON Schema object without the draft marker.
  const jsonSchema: Record<string, unknown> = { ...(z.toJSONSchema(schema) as Record<string, unknown>) };
  delete jsonSchema.$schema;
  return { name, description, input_schema: jsonSchema };
};

/** The same three tools on every request: they open the cached prefix. */
const TOOLS: readonly ModelTool[] = [
  tool(
    'write_prose',
    'Prose for the entries of the baseline, keyed by their keys; leave out entries you keep',
    proseSchema,
  ),
  tool(
    'review_design',
    'Findings of a review of the finished design against its requirements, each about an id the design has, with evidence',
    findingsSchema,
  ),
  tool(
    'read_answer',
    "How you read an answer the tool's own reader could not, in the form the question asks for, or null",
    readingSchema,
  ),
];

export interface AnthropicOptions {
  readonly client: MessagesClient;
  readonly offline: CoPilot;
  readonly protocol: Protocol;
  readonly guides: readonly Guide[];
  /** Names the model may use for components (the design's component types). */
  readonly vocabulary?: readonly string[];
  readonly model: string;
  /** Prompt caching of the static system blocks (off only to measure what it saves). */
  readonly cache: boolean;
  /** 'explicit' (--copilot anthropic): an unavailable API stops the run (75). 'default': fall back. */
  readonly mode: 'explicit' | 'default';
  readonly notify: (text: string) => void;
  /** Streams prose while a person waits on a request (a piece of text), then null when it is done. */
  readonly prose?: (text: string | null) => void;
  /** True while a person waits on a request (for a spinner). */
  readonly wait?: (waiting: boolean) => void;
  /** The reference data derived steps compute with: speculation makes results ahead too. */
  readonly knowledge?: Knowledge;
}

export interface AnthropicCoPilot extends CoPilot {
  readonly usage: Usage;
  readonly model: string;
}

/** A draft's prose over this many characters is written in parts, at most this many. */
const DRAFT_PART_CHARS = 4_000;
const DRAFT_PARTS = 3;

const plural = (count: number, one: string, many: string): string =>
  `${String(count)} ${count === 1 ? one : many}`;

/** The guide a baseline draws on: the first one it cites by id. */
function citedGuide(baseline: unknown, guides: readonly Guide[]): Guide | undefined {
  const text = JSON.stringify(baseline);
  return guides.find((guide) => text.includes(`\`${guide.id}\``) || text.includes(`"id":"${guide.id}"`));
}

export function createAnthropicCoPilot(options: AnthropicOptions): AnthropicCoPilot {
  const usage = emptyUsage();
  const { offline, protocol } = options;
  let offlineFromNow = false;
  const flights = new Flights();
  /** Drafts whose prose is still being written, merged by finish(). */
  const drafting = new Map<string, { step: DraftStep; baseline: unknown; flight: InFlight<unknown> }>();
  /** Notices from requests made ahead, told at the next step (see tell). */
  const held: string[] = [];
  /** Each phase's questions as phrased when its request was made. */
  const phrased = new Map<
    string,
    { readonly entries: readonly ProseEntry[]; readonly flight: InFlight<Prose> }
  >();

  /**
   * One prose request and at most one repair: the accepted prose, or none when the model is out of
   * reach. `name` is the step as a person reads it ("propose:high-level.cache"), `key` the request's.
   */
  async function ask(
    name: string,
    key: string,
    task: string,
    state: SessionState,
    entries: readonly ProseEntry[],
    baseline: unknown,
    self: InFlight<unknown>,
  ): Promise<Prose> {
    if (offlineFromNow || entries.length === 0) return NO_PROSE;
    const facts = stateSummary(state);
    const allowed = numeralSet(facts, JSON.stringify(baseline));
    const system = systemBlocks(
      protocol,
      options.guides,
      options.vocabulary ?? [],
      options.cache,
      citedGuide(baseline, options.guides),
    );
    const first = turnMessage(facts, task, entries);
    let user = first;
    const accepted = new Map<string, string>();
    let pending = entries;
    let refused: readonly Refusal[] = [];
    let invalid = false;
    for (let round = 0; round < 2 && pending.length > 0; round++) {
      const input = await send(key, system, user, 'write_prose', self);
      if (input === undefined) return NO_PROSE;
      const parsed = proseSchema.safeParse(input);
      invalid = !parsed.success;
      if (!parsed.success) {
        user = `${first}\n\nYour previous output was invalid at ${firstIssue(parsed.error)}. Call write_prose again with a valid input.`;
        continue;
      }
      const checked = checkProse(
        parsed.data.prose.map((entry) => ({ key: entry.key, text: sanitize(entry.text) })),
        pending,
        allowed,
      );
      for (const [k, text] of checked.accepted) accepted.set(k, text);
      const dropped = checked.refused.filter((refusal) => !refusal.repairable);
      if (dropped.length > 0)
        self.notices.push(
          `The model's prose for ${name} named ${plural(dropped.length, 'entry', 'entries')} the baseline does not have (${dropped
            .map((refusal) => sanitize(refusal.key).slice(0, 60))
            .slice(0, 3)
            .join(', ')}); dropped.`,
        );
      refused = checked.refused.filter((refusal) => refusal.repairable);
      const again = new Set(refused.map((refusal) => refusal.key));
      pending = pending.filter((entry) => again.has(entry.key));
      user = `${turnMessage(facts, task, pending)}\n\nThese entries were refused: ${refused
        .map((refusal) => `${refusal.key} (${refusal.why})`)
        .join(
          '; ',
        )}. Call write_prose again with only those keys, using no number that is not in the session's facts or the baseline.`;
    }
    if (invalid)
      self.notices.push(
        `The model's output for ${name} was invalid twice; using the offline co-pilot's for this step.`,
      );
    else if (refused.length > 0)
      self.notices.push(
        `The model's prose for ${name} was refused twice for ${plural(refused.length, 'entry', 'entries')} (${refused[0]?.why ?? ''}); the offline co-pilot's text stays there.`,
      );
    return accepted;
  }

  /** One model call; undefined when the API is unavailable and the session goes on offline. */
  async function send(
    key: string,
    system: ReturnType<typeof systemBlocks>,
    user: string,
    toolName: string,
    self?: InFlight<unknown>,
  ): Promise<unknown> {
    try {
      const result = await options.client.call({
        key,
        model: options.model,
        system,
        user,
        tools: TOOLS,
        toolName,
        maxTokens: 4_096,
        ...(self
          ? {
              proseField: 'text',
              onProse: (text: string) => {
                self.streamed += text;
                if (self.watched) options.prose?.(sanitize(text));
              },
            }
          : {}),
      });
      addUsage(usage, result.usage);
      return result.input;
    } catch (error) {
      if (
        error instanceof AppError &&
        error.exitCode === ExitCode.llmUnavailable &&
        options.mode === 'default'
      ) {
        if (!offlineFromNow) held.push(`${error.message}; continuing on the offline co-pilot.`);
        offlineFromNow = true;
        return undefined;
      }
      throw error;
    }
  }

  /** The prose request of a step for these entries, sent once. */
  function proseFlight(
    kind: string,
    id: string,
    task: string,
    state: SessionState,
    entries: readonly ProseEntry[],
    baseline: unknown,
  ): InFlight<Prose> {
    const name = `${kind}:${id}`;
    return flights.prose(name, entries, (key, asked, self) =>
      ask(name, key, task, state, asked, baseline, self),
    );
  }

  /** Waits on a request as a person does: the spinner, then its prose as it streams. */
  async function awaitFlight<T>(flight: InFlight<T>): Promise<T> {
    flush();
    if (flight.done) {
      const result = await flight.result;
      tell(flight);
      return result;
    }
    const live = flight.source ?? flight;
    live.watched = true;
    options.wait?.(true);
    if (live.streamed) options.prose?.(sanitize(live.streamed));
    try {
      return await flight.result;
    } finally {
      live.watched = false;
      options.prose?.(null);
      options.wait?.(false);
      tell(flight);
    }
  }

  /**
   * Notices wait until a person is between prompts: a request made ahead must not write over the
   * prompt being answered. A flight's are told when a step takes its answer, the rest at the next step.
   */
  function tell(flight: InFlight<unknown>): void {
    for (const source of [flight.source, flight]) {
      if (!source) continue;
      for (const notice of source.notices.splice(0)) options.notify(notice);
    }
    flush();
  }
  function flush(): void {
    for (const notice of held.splice(0)) options.notify(notice);
  }

  const proposalTask = (slot: DecisionSlot): string =>
    `Word the proposal for the decision "${slot.id}" (${slot.title}) for this system: what is being decided and why it matters (explain), the position with its reason (position), and each option's summary. Options A and B decide what they decide; only their wording is yours.`;
  const draftTask = (step: DraftStep): string =>
    `Rewrite the prose of "${step.id}" (${step.title}) for this system: purposes, failure modes and plans that name this system's users, data and load.`;

  const proposeFlight = (slot: DecisionSlot, state: SessionState, baseline: Proposal): InFlight<Prose> =>
    proseFlight(
      'propose',
      slot.id,
      proposalTask(slot),
      state,
      proseEntries(baseline, PROPOSAL_PROSE),
      baseline,
    );

  function draftFlight(
    step: DraftStep,
    state: SessionState,
    baseline: unknown,
  ): InFlight<unknown> | undefined {
    if (step.review) return reviewFlight(step, step.review, state, baseline);
    if (!step.prose) return undefined;
    // A long draft is written in parts at once: at 60 tokens a second, three deep-dives in one
    // answer take over half a minute.
    const parts = partition(proseEntries(baseline, step.prose), DRAFT_PART_CHARS, DRAFT_PARTS);
    const flights = parts.map((entries, index) =>
      proseFlight(
        'draft',
        parts.length === 1 ? step.id : `${step.id}/${String(index + 1)}`,
        draftTask(step),
        state,
        entries,
        baseline,
      ),
    );
    if (flights.length === 1 && flights[0]) return flights[0];
    const merged = startFlight<Prose>(
      async () =>
        new Map((await Promise.all(flights.map((part) => part.result))).flatMap((prose) => [...prose])),
      NO_PROSE,
    );
    if (flights[0]) merged.source = flights[0];
    return merged;
  }

  /** The questions of a phase still to ask, phrased in one request. */
  async function phraseFlight(phase: string, state: SessionState): Promise<void> {
    const questions = protocol.steps.filter(
      (step): step is QuestionSlot =>
        step.kind === 'question' &&
        step.phase === phase &&
        !(step.id in state.answers) &&
        (step.appliesTo?.(state) ?? true),
    );
    if (questions.length === 0 || phrased.has(phase)) return;
    const entries = await Promise.all(
      questions.map(async (slot) => ({
        key: `question[${slot.id}]`,
        text: await offline.phrase(slot, state),
      })),
    );
    const flight = proseFlight(
      'phrase',
      phase,
      `Phrase the questions of the ${phase} phase for this user: keep what each asks and the form of the answer it wants; mention the session's own facts where they help.`,
      state,
      entries,
      entries,
    );
    phrased.set(phase, { entries, flight });
  }

  /** The requests of the steps ahead, started while the person answers this one. */
  async function prefetch(step: Step, state: SessionState): Promise<void> {
    const phases = phasesAhead(protocol, step);
    for (const phase of phases) await phraseFlight(phase, state);
    await speculate(protocol, state, phases, offline, options.knowledge, {
      decision: (slot, spec, baseline) =>
        proposeFlight(slot, spec, baseline).result.then((prose) =>
          applyProse(baseline, PROPOSAL_PROSE, prose),
        ),
      draft: (draft, spec, baseline) => draftFlight(draft, spec, baseline),
    });
  }

  /**
   * A review the model writes itself: findings about ids the design has, in prose with the
   * session's numbers only. A finding that cites nothing real, repeats another or invents a number
   * is dropped with a notice; the rest are shown as the model's, never read by a rule.
   */
  function reviewFlight(
    step: DraftStep,
    review: NonNullable<DraftStep['review']>,
    state: SessionState,
    baseline: unknown,
  ): InFlight<unknown> {
    const name = `review:${step.id}`;
    const brief = review.brief(state);
    const key = `${name}#${digest(brief)}`;
    return flights.once(key, () =>
      startFlight<unknown>(async (self) => {
        if (offlineFromNow) return baseline;
        const cites = new Set(review.cites(state));
        const facts = stateSummary(state);
        const allowed = numeralSet(facts, brief);
        const user = `Session facts:\n${facts}\n\nThe design:\n${brief}\n\nCurrent step: review this design against the requirements as a staff engineer would. Call review_design with at most 5 findings the tool's own self-check would miss, each about one id from this list: ${[...cites].join(', ')}. Each finding says what is wrong and the evidence (the requirement or figure it contradicts). No finding is better than a vague one.`;
        const system = systemBlocks(protocol, options.guides, options.vocabulary ?? [], options.cache);
        const input = await send(key, system, user, 'review_design');
        const parsed = findingsSchema.safeParse(input);
        if (!parsed.success) {
          if (input !== undefined)
            self.notices.push(
              `The model's output for ${name} was invalid; the design has no second opinion.`,
            );
          return baseline;
        }
        const { kept, refused } = checkFindings(parsed.data.findings, cites, allowed);
        if (refused.length > 0)
          self.notices.push(
            `The model's review dropped ${plural(refused.length, 'finding', 'findings')} (${refused[0] ?? ''}).`,
          );
        const checked = (await step.schema()).safeParse({ findings: kept });
        return checked.success ? checked.data : baseline;
      }, baseline),
    );
  }

  return {
    name: 'anthropic',
    usage,
    model: options.model,
    lookahead(step: Step, state: SessionState) {
      if (offlineFromNow || (step.kind !== 'question' && step.kind !== 'decision')) return;
      // Errors surface when a step awaits its request; a failed prefetch only costs the head start.
      prefetch(step, state).catch(() => undefined);
    },
    async phrase(slot: QuestionSlot, state) {
      const baseline = await offline.phrase(slot, state);
      if (slot.id === protocol.approval.id || offlineFromNow) return baseline;
      const key = `question[${slot.id}]`;
      if (!phrased.has(slot.phase)) await phraseFlight(slot.phase, state);
      const batch = phrased.get(slot.phase);
      // Phrased for the phase as it was: a question whose baseline has changed since keeps its own.
      if (!batch || batch.entries.find((entry) => entry.key === key)?.text !== baseline) return baseline;
      return (await awaitFlight(batch.flight)).get(key) ?? baseline;
    },
    // Push-backs and notes are the rules': no model judgement is recorded as a fact.
    review: (slot, value, state) => offline.review(slot, value, state),
    async propose(slot: DecisionSlot, state): Promise<Proposal> {
      const baseline = await offline.propose(slot, state);
      const prose = await awaitFlight(proposeFlight(slot, state, baseline));
      return applyProse(baseline, PROPOSAL_PROSE, prose);
    },
    report: (slot, choice, proposal, state) => offline.report(slot, choice, proposal, state),
    async draft(step: DraftStep, state) {
      const baseline = await offline.draft(step, state);
      const flight = draftFlight(step, state, baseline);
      // The offline draft stands until finish(): later steps are made from it, never from prose
      // still being written, and the person goes on answering meanwhile.
      if (flight) drafting.set(step.id, { step, baseline, flight });
      return baseline;
    },
    async finish(state) {
      let next = state;
      for (const [id, { step, baseline, flight }] of drafting) {
        // A step drafted again since (a revision) has its own entry; this one is stale.
        if (next.drafts[id] !== baseline) continue;
        const result = await awaitFlight(flight);
        if (step.review || !step.prose) {
          next = recordDraft(next, id, result);
          continue;
        }
        const drafted = applyProse(baseline, step.prose, result as Prose);
        const valid = (await step.schema()).safeParse(drafted);
        if (valid.success) next = recordDraft(next, id, drafted);
      }
      drafting.clear();
      return next;
    },
    async reread(slot: QuestionSlot, raw: string, problem: string, state: SessionState) {
      if (offlineFromNow) return undefined;
      const key = `reread:${slot.id}#${digest(raw)}`;
      const system = systemBlocks(protocol, options.guides, options.vocabulary ?? [], options.cache);
      const user = `Session facts:\n${stateSummary(state)}\n\nCurrent step: the question "${slot.id}" (${slot.title}) asks: ${slot.prompt}\nAn answer of the form it wants: ${slot.example}\nThe tool could not read this answer (${problem}):\n<answer>${raw}</answer>\nIf you can read what the person meant, give it as an answer of that form (call read_answer with it); the person confirms it before it counts. If not, reading null.`;
      options.wait?.(true);
      try {
        const input = await send(key, system, user, 'read_answer');
        const parsed = readingSchema.safeParse(input);
        const reading = parsed.success ? parsed.data.reading?.trim() : undefined;
        return reading ? sanitize(reading).replace(/\s+/g, ' ') : undefined;
      } finally {
        options.wait?.(false);
      }
    },
  };
}
