/** The `--json` summary: one document with a stable shape (values in base units). */
import type { Protocol, SessionState } from '../protocol/types.js';
import { applies, isDone } from '../protocol/machine.js';

export interface SummaryInput {
  readonly command: string;
  readonly sessionId: string | null;
  readonly state: SessionState;
  readonly protocol: Protocol;
  readonly files: readonly string[];
  /** With --check: the files that differ from what the session would write. */
  readonly differing?: readonly string[];
  /** The command's own keys: red flags and decision rules for a design, smells for pipelines. */
  readonly extra: Record<string, unknown>;
  readonly warnings: readonly string[];
  readonly copilot: string;
  readonly usage?: Record<string, unknown> | undefined;
}

export function summaryJson(input: SummaryInput): Record<string, unknown> {
  const { protocol, state } = input;
  return {
    schema: 'mlops-design/summary@2',
    command: input.command,
    session_id: input.sessionId,
    title: state.title,
    scope: state.scope,
    copilot: input.copilot,
    files_written: input.files,
    ...(input.differing ? { files_differing: input.differing } : {}),
    phases: protocol.phases.map((phase) => {
      const steps = protocol.steps.filter((step) => step.phase === phase.id && applies(step, state));
      return {
        id: phase.id,
        title: phase.title,
        steps: steps.length,
        completed: steps.filter((step) => isDone(step, state)).length,
      };
    }),
    decisions: Object.fromEntries(
      Object.entries(state.decisions).map(([id, record]) => [
        id,
        {
          value: record.value,
          ...(record.items ? { items: record.items } : {}),
          label: record.label,
          source: record.source,
          option: record.key ?? null,
        },
      ]),
    ),
    interpretations: Object.entries(state.decisions).flatMap(([id, record]) =>
      record.source === 'words'
        ? [{ id, words: record.words ?? '', value: record.value, label: record.label }]
        : [],
    ),
    accepted_by_default: Object.entries(state.decisions).flatMap(([id, record]) =>
      record.source === 'default' ? [{ id, value: record.value, label: record.label }] : [],
    ),
    ...input.extra,
    warnings: input.warnings,
    usage: input.usage ?? {
      requests: 0,
      input_tokens: 0,
      cache_write_tokens: 0,
      cache_read_tokens: 0,
      output_tokens: 0,
      cost_usd: null,
    },
  };
}
