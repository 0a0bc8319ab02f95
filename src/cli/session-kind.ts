/**
 * What differs between the commands that run a protocol to a document (`design`, `pipeline`,
 * `interview`): the protocol and its flags, the offline advisor, how the session looks on screen,
 * the rules shown as they fire, and the document and how it is rendered. Everything else (answers
 * files, sessions, resume, signals) is shared. Which kinds exist is said once, in registry.ts, which
 * loads them.
 */
import type { Advisor } from '../copilot/port.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Artifact } from '../output/artifacts.js';
import type { Protocol, Scope, SessionState } from '../protocol/types.js';
import type { RuleFinding } from '../rules/decision-rules.js';
import type { RedFlag } from '../rules/red-flags.js';
import type { GlobalOptions, SessionFlags } from './options.js';
import type { ProtocolName } from './registry.js';

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

/** How a session shows itself on stderr. */
export interface Presentation {
  /** Shown before the first question of an interactive run. */
  readonly intro: readonly string[];
  /** How flags are named on screen ("Red flag", "Smell"). */
  readonly flagLabel: string;
  /** A terminal digest of a draft or a derived result, by step id; the document carries the full text. */
  readonly describe: (id: string, value: unknown) => string[];
  /** One line on stderr after the document's path: the outcome at a glance (a score, the MVP). */
  readonly outcome?: (state: SessionState) => string;
}

/** What is checked as the session goes, shown as it fires and listed in the document. */
export interface Rules {
  readonly flags: (state: SessionState) => readonly RedFlag[];
  readonly findings?: (state: SessionState) => readonly RuleFinding[];
}

/**
 * A session command's flags, parsed (zod, at the boundary: a bad value exits 64 naming the flag)
 * and bound to what they mean for this kind of session.
 */
export interface CommandOptions extends SessionFlags {
  /** --scope, where the protocol asks for one. */
  readonly scope?: Scope | undefined;
  /** --accept-recommended, where the protocol has decisions: they take option A when a file is silent. */
  readonly acceptRecommended?: boolean | undefined;
  /** --adr and --adr-dir, where the protocol writes decision records. */
  readonly adr?: boolean | undefined;
  readonly adrDir?: string | undefined;
  /** The session's title when the flags give it (an interview's --problem or --random): not asked. */
  readonly title?: string | undefined;
  /** --from: a saved session whose answers become this session's defaults (the lifecycle). */
  readonly from?: string | undefined;
  /** Answers the flags give before the first question (e.g. --problem), by question id. */
  readonly presets: Readonly<Record<string, string>>;
  /** Runs instead of a session when the flags ask for something else (`interview --history`). */
  readonly instead?: (globals: GlobalOptions) => Promise<void> | void;
  /**
   * After the document is written: what the command adds (the interview's gaps log), and a
   * failure that sets exit 1 (a score below --pass-mark). `warn` reports what the addition could not
   * do: the document stands, so that is a warning, not the run's failure.
   */
  readonly finished?: (
    state: SessionState,
    stateDir: string | undefined,
    warn: (line: string) => void,
  ) => string | undefined;
}

export interface SessionKind {
  readonly command: ProtocolName;
  readonly protocol: Protocol;
  readonly options: (raw: Readonly<Record<string, unknown>>) => CommandOptions;
  readonly advisor: (knowledge: Knowledge) => Advisor;
  readonly presentation: Presentation;
  readonly rules: Rules;
  /** The document written on approval (its path under --out), and its template under templates/. */
  readonly document: string;
  /** The files to write; a person is told of their problems before approving, and none is written while there are any. */
  readonly render: (template: string, state: SessionState, context?: RenderContext) => Rendered;
  /** The command's own keys in the --json summary. */
  readonly summary: (state: SessionState) => Record<string, unknown>;
}
