/**
 * The Anthropic co-pilot: the same protocol, ids and numbers, with a model phrasing, proposing,
 * reviewing and drafting for this user's context. Every call starts from the offline co-pilot's
 * answer as a baseline (the engine's numbers and the rules' structure); the model improves it
 * through one tool, its output is validated with the project's own zod schemas (a draft with the
 * schema its step carries), an invalid output gets one repair attempt, and then that step falls back
 * to the baseline with a notice. Computed results (the estimate, the cost) are never asked of the
 * model: they are not co-pilot steps.
 */
import { z } from 'zod';
import { AppError, ExitCode } from '../../errors.js';
import type { Guide } from '../../knowledge/guide.js';
import { sanitize } from '../../lib/sanitize.js';
import { firstIssue } from '../../lib/zod-issue.js';
import type {
  Choice,
  DecisionSlot,
  DraftStep,
  Proposal,
  ProposalOption,
  Protocol,
  QuestionSlot,
  SessionState,
} from '../../protocol/types.js';
import type { CoPilot, Review } from '../port.js';
import type { MessagesClient, ModelTool } from './client.js';
import { systemBlocks, turnMessage } from './prompts.js';
import { addUsage, emptyUsage, type Usage } from './usage.js';

const optionSchema = z.strictObject({
  key: z.enum(['A', 'B']),
  label: z.string().min(3).max(200),
  summary: z.string().min(3).max(800),
  pros: z.array(z.string().min(2).max(300)).min(1).max(6),
  cons: z.array(z.string().min(2).max(300)).min(1).max(6),
});
const proposalSchema = z.strictObject({
  explain: z.string().min(10).max(1_200),
  options: z.tuple([optionSchema, optionSchema]),
  position: z.string().min(10).max(1_200),
  detail: z.string().min(10).max(2_000),
});
const phraseSchema = z.strictObject({ question: z.string().min(5).max(600) });
const reviewSchema = z.strictObject({ vague: z.boolean(), push_back: z.string().max(900).nullable() });
const reportSchema = z.strictObject({ report: z.string().min(5).max(600) });

const tool = (name: string, description: string, schema: z.ZodType): ModelTool => {
  // The tools API takes a JSON Schema object without the draft marker.
  const jsonSchema: Record<string, unknown> = { ...(z.toJSONSchema(schema) as Record<string, unknown>) };
  delete jsonSchema.$schema;
  return { name, description, input_schema: jsonSchema };
};

/** Model text is outside text: no control or escape sequence survives it. */
function clean<T>(value: T): T {
  if (typeof value === 'string') return sanitize(value) as T;
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) as T;
  return value;
}

/**
 * Every tool of a protocol, in a fixed order (its draft steps' in protocol order): the same list on
 * every request keeps the cached prefix stable.
 */
async function toolsOf(protocol: Protocol): Promise<readonly ModelTool[]> {
  const drafts = await Promise.all(
    protocol.steps
      .filter((step): step is DraftStep => step.kind === 'draft')
      .map(async (step) => tool(step.tool, `The draft of ${step.id}`, await step.schema())),
  );
  return [
    tool('ask_question', 'The question to put to the user', phraseSchema),
    tool('review_answer', 'Whether the answer is too vague to design from, and the push-back', reviewSchema),
    tool('propose_options', 'The EPCE proposal for this decision', proposalSchema),
    tool('report_decision', 'What was decided and the constraint it creates', reportSchema),
    ...drafts,
  ];
}

export interface AnthropicOptions {
  readonly client: MessagesClient;
  readonly offline: CoPilot;
  readonly protocol: Protocol;
  readonly guides: readonly Guide[];
  readonly model: string;
  /** Prompt caching of the static system blocks (off only to measure what it saves). */
  readonly cache: boolean;
  /** 'explicit' (--copilot anthropic): an unavailable API stops the run (75). 'default': fall back. */
  readonly mode: 'explicit' | 'default';
  readonly notify: (text: string) => void;
  /** Streams prose as it arrives (a piece of text), then null when the answer is complete. */
  readonly prose?: (text: string | null) => void;
}

export interface AnthropicCoPilot extends CoPilot {
  readonly usage: Usage;
  readonly model: string;
}

export function createAnthropicCoPilot(options: AnthropicOptions): AnthropicCoPilot {
  const usage = emptyUsage();
  let offlineFromNow = false;
  // Built on first use: converting the schemas costs start-up time that offline runs must not pay.
  let tools: Promise<readonly ModelTool[]> | undefined;

  async function improve<T>(
    key: string,
    phase: string,
    state: SessionState,
    task: string,
    schema: z.ZodType<T>,
    toolName: string,
    baseline: T,
    proseField?: string,
  ): Promise<T> {
    if (offlineFromNow) return baseline;
    const system = systemBlocks(options.protocol, phase, options.guides, options.cache);
    let user = turnMessage(state, task, baseline);
    for (let round = 0; round < 2; round++) {
      let input: unknown;
      try {
        const prose = options.prose;
        const result = await options.client
          .call({
            key,
            model: options.model,
            system,
            user,
            tools: await (tools ??= toolsOf(options.protocol)),
            toolName,
            maxTokens: 2_048,
            ...(proseField && prose
              ? {
                  proseField,
                  onProse: (text: string) => {
                    prose(sanitize(text));
                  },
                }
              : {}),
          })
          .finally(() => {
            prose?.(null);
          });
        addUsage(usage, result.usage);
        input = result.input;
      } catch (error) {
        if (
          error instanceof AppError &&
          error.exitCode === ExitCode.llmUnavailable &&
          options.mode === 'default'
        ) {
          offlineFromNow = true;
          options.notify(`${error.message}; continuing on the offline co-pilot.`);
          return baseline;
        }
        throw error;
      }
      const parsed = schema.safeParse(input);
      if (parsed.success) return clean(parsed.data);
      user = `${turnMessage(state, task, baseline)}\n\nYour previous output was invalid at ${firstIssue(parsed.error)}. Call the tool again with a valid input.`;
    }
    options.notify(
      `The model's output for ${key} was invalid twice; using the offline co-pilot's for this step.`,
    );
    return baseline;
  }

  return {
    name: 'anthropic',
    usage,
    model: options.model,
    async phrase(slot: QuestionSlot, state) {
      const baseline = await options.offline.phrase(slot, state);
      const out = await improve(
        `phrase:${slot.id}`,
        slot.phase,
        state,
        `Phrase the question "${slot.id}" (${slot.title}) for this user. Keep its meaning; mention the session's own facts where they help.`,
        phraseSchema,
        'ask_question',
        { question: baseline },
      );
      return out.question;
    },
    async review(slot: QuestionSlot, value, state): Promise<Review> {
      const baseline = await options.offline.review(slot, value, state);
      // The deterministic push-back always stands; the model may add one where the rules found none.
      if (baseline.pushBack) return baseline;
      const out = await improve(
        `review:${slot.id}`,
        slot.phase,
        state,
        `Review the answer to "${slot.id}" (${slot.title}): is it too vague to design from? If so, push back once with a precise question.`,
        reviewSchema,
        'review_answer',
        { vague: false, push_back: null },
      );
      return out.vague && out.push_back ? { ...baseline, pushBack: out.push_back } : baseline;
    },
    async propose(slot: DecisionSlot, state): Promise<Proposal> {
      const baseline = await options.offline.propose(slot, state);
      // The model words the two options; the values they set stay the offline advisor's, by key, so
      // a model cannot set a value outside the slot's enumeration or swap what A and B decide.
      const prose = {
        ...baseline,
        options: baseline.options.map(({ key, label, summary, pros, cons }) => ({
          key,
          label,
          summary,
          pros: [...pros],
          cons: [...cons],
        })),
      } as z.infer<typeof proposalSchema>;
      const worded = await improve(
        `propose:${slot.id}`,
        slot.phase,
        state,
        `Propose the decision "${slot.id}" (${slot.title}) as options A (recommended) and B with their tradeoffs, a position with its reason, and more detail for option C. Keep what each option decides; improve only how it is explained.`,
        proposalSchema,
        'propose_options',
        prose,
        'explain',
      );
      const [a, b] = baseline.options;
      const choiceOf = (option: ProposalOption): Choice => ({
        value: option.value,
        ...(option.items ? { items: option.items } : {}),
      });
      return {
        ...worded,
        options: [
          { ...worded.options[0], key: 'A', ...choiceOf(a) },
          { ...worded.options[1], key: 'B', ...choiceOf(b) },
        ],
      };
    },
    async report(slot: DecisionSlot, choice, proposal, state) {
      const baseline = await options.offline.report(slot, choice, proposal, state);
      const out = await improve(
        `report:${slot.id}`,
        slot.phase,
        state,
        `Report the decision just made for "${slot.id}": what was decided and what constraint it creates.`,
        reportSchema,
        'report_decision',
        { report: baseline },
      );
      return out.report;
    },
    async draft(step: DraftStep, state) {
      const baseline = await options.offline.draft(step, state);
      return improve(
        `draft:${step.id}`,
        step.phase,
        state,
        `Draft "${step.id}" (${step.title}) for this design: keep the structure, ids and numbers of the baseline; improve the prose for this context.`,
        await step.schema(),
        step.tool,
        baseline,
      );
    },
  };
}
