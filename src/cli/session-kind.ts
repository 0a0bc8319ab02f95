/**
 * What differs between the commands that run a protocol to a document (`design`, `pipeline`): the
 * protocol, the document and how it is rendered and checked, the offline advisor, and the flags
 * shown as they fire. Everything else (answers files, sessions, resume, signals) is shared.
 */
import type { Advisor } from '../copilot/port.js';
import { usageError } from '../errors.js';
import { designKind } from './kinds/design.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Artifact } from '../output/artifacts.js';
import type { Protocol, SessionState } from '../protocol/types.js';
import type { RuleFinding } from '../rules/decision-rules.js';
import type { RedFlag } from '../rules/red-flags.js';

export interface Rendered {
  /** The files the session writes under --out (the document first), written together or not at all. */
  readonly artifacts: readonly Artifact[];
  /** Rules the document breaks; a session with problems writes nothing (exit 1). */
  readonly problems: readonly string[];
}

/** What rendering needs from outside the session: the ADR folder's state, when ADRs are asked for. */
export interface RenderContext {
  readonly adr?: AdrContext;
}

export interface AdrContext {
  /** The folder, relative to --out, posix. */
  readonly dir: string;
  /** Every name in the folder now. */
  readonly existing: readonly string[];
  /** The names in it that this tool wrote (its manifest lists them). */
  readonly own: readonly string[];
  /** The session's day, yyyy-mm-dd. */
  readonly date: string;
}

export interface SessionKind {
  readonly command: 'design' | 'pipeline' | 'interview';
  readonly protocol: Protocol;
  /** The document written on approval (its path under --out), and its template under templates/. */
  readonly document: string;
  /** Shown before the first question of an interactive run. */
  readonly intro: readonly string[];
  /** Whether the session asks for a scope (system, ml, hybrid); otherwise it is fixed. */
  readonly scoped: boolean;
  /** How flags are named on screen ("Red flag", "Smell") and drafts digested. */
  readonly flagLabel: string;
  readonly describeDraft: (id: string, draft: unknown) => string[];
  readonly advisor: (knowledge: Knowledge) => Advisor;
  readonly flags: (state: SessionState) => readonly RedFlag[];
  readonly rules?: (state: SessionState) => readonly RuleFinding[];
  readonly render: (template: string, state: SessionState, context?: RenderContext) => Rendered;
  /** Whether a person's answers are timed (an interview keeps time per phase). */
  readonly timed?: boolean;
  /** Whether rendering checks rules, so a person is told of problems before approving. */
  readonly linted: boolean;
  /** The command's own keys in the --json summary. */
  readonly summary: (state: SessionState) => Record<string, unknown>;
  /** One line on stderr after the document's path: the outcome at a glance (a score, the MVP). */
  readonly outcome?: (state: SessionState) => string;
  /** Answers the command's flags give before the first question (e.g. --problem), by question id. */
  readonly presets?: (options: Readonly<Record<string, unknown>>) => Readonly<Record<string, string>>;
  /**
   * After the document is written: what the command adds (the interview's gaps log), and a
   * failure that sets exit 1 (a score below --pass-mark).
   */
  readonly finished?: (
    state: SessionState,
    options: Readonly<Record<string, unknown>>,
    stateDir: string | undefined,
  ) => string | undefined;
}

export type KindName = SessionKind['command'];

/**
 * The design kind is part of every session command; pipeline scoping is loaded only when its command
 * runs. (A dynamic import for the design kind too split the bundle into 9 more files on the design
 * path, which cost more start-up time than the code it deferred.)
 */
export async function loadKind(command: string): Promise<SessionKind> {
  switch (command) {
    case 'design':
      return designKind;
    case 'pipeline':
      return (await import('./kinds/pipeline.js')).pipelineKind;
    case 'interview': {
      const [{ interviewKind }, { loadCompiledKnowledge, withProblems }] = await Promise.all([
        import('./kinds/interview.js'),
        import('../knowledge/compiled.js'),
      ]);
      return interviewKind(withProblems(loadCompiledKnowledge()));
    }
    default:
      throw usageError(`\`${command}\` sessions are not supported by this version`);
  }
}
