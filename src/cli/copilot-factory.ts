/**
 * Which co-pilot a session uses. Offline unless a key is present (then the Anthropic co-pilot, which
 * falls back to offline if the API is unavailable) or one is asked for: `--copilot anthropic` needs
 * a key (78 before the first question) and stops the run if the API is unavailable (75);
 * `--copilot replay --cassette FILE` replays recorded exchanges strictly.
 */
import { usageError } from '../errors.js';
import { createOfflineCoPilot } from '../copilot/offline/offline-copilot.js';
import type { CoPilot } from '../copilot/port.js';
import type { Knowledge } from '../knowledge/load.js';
import type { GlobalOptions } from './options.js';
import type { Output } from './output.js';
import type { SessionKind } from './session-kind.js';

export interface CopilotSetup {
  readonly copilot: CoPilot;
  /** The usage line and the --json usage, for a model-backed co-pilot. */
  readonly usage?: () => { readonly line: string; readonly json: Record<string, unknown> };
  /**
   * Called once the answers file is read and checked, before the first question: a replayed
   * cassette is checked against it (65 naming the first step that differs), a recorded one gets
   * its header.
   */
  readonly begin?: (answers: Readonly<Record<string, unknown>> | undefined) => void;
}

/** The files a session reads, which a recording must never replace. */
export interface SessionInputs {
  readonly answersPath?: string;
}

export async function chooseCopilot(
  globals: GlobalOptions,
  knowledge: Knowledge,
  out: Output,
  kind: Pick<SessionKind, 'advisor' | 'protocol'>,
  inputs: SessionInputs = {},
  /** SIGINT or SIGTERM: ends a model request and its retry waits at once. */
  signal?: AbortSignal,
): Promise<CopilotSetup> {
  const offline = createOfflineCoPilot(kind.advisor(knowledge));
  const key = process.env.ANTHROPIC_API_KEY;
  const choice = globals.copilot ?? (key ? 'anthropic-default' : 'offline');
  if (choice === 'offline') {
    // Nothing would be recorded: say so rather than leave the user expecting a cassette.
    if (globals.record)
      throw usageError(
        `--record ${globals.record}: the offline co-pilot makes no model requests, so there is nothing to record`,
        'Record with --copilot anthropic (or replay), or drop --record.',
      );
    return { copilot: offline };
  }
  // The model-backed co-pilot is loaded only when chosen: offline runs never pay for it.
  const { modelCopilot } = await import('./model-copilot.js');
  return modelCopilot(globals, knowledge, out, offline, choice, kind.protocol, inputs, signal);
}
