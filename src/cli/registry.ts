/**
 * Every protocol this program runs, named once: its command (description and flags, declared here
 * so --help needs no protocol code), its protocol alone (the steps, for `validate`, `questions` and
 * `sessions`) and its whole session kind (advisor, rules, document). Both are imported only when
 * asked for, so a command pays for the protocol it runs and no other. The command line, the answers
 * file schema and the session record read the names from here.
 *
 * Adding a protocol: one entry here, its folder under protocols/, and its kind under cli/kinds/.
 */
import { usageError } from '../errors.js';
import type { Protocol } from '../protocol/types.js';
import type { SessionKind } from './session-kind.js';

/** A flag as commander declares it; the kind's zod schema checks its value. */
export interface FlagSpec {
  readonly flags: string;
  readonly description: string;
}

export interface ProtocolEntry {
  /** Its line in --help. */
  readonly description: string;
  /** Its flags, in the order --help lists them. */
  readonly flags: readonly FlagSpec[];
  /** The protocol alone: no advisor, renderer or rules on the path of the commands that only read steps. */
  readonly protocol: () => Promise<Protocol>;
  readonly kind: () => Promise<SessionKind>;
}

export const ACCEPT_RECOMMENDED: FlagSpec = {
  flags: '--accept-recommended',
  description:
    'with --answers: a decision the file does not answer takes the recommended option (each is listed)',
};
export const ADR: FlagSpec = {
  flags: '--adr',
  description: 'also write an Architecture Decision Record (MADR 4.0) per decision',
};
export const ADR_DIR: FlagSpec = {
  flags: '--adr-dir <dir>',
  description: 'the folder for --adr records, relative to --out (default docs/decisions)',
};

const noSave = (what = 'the session'): FlagSpec => ({
  flags: '--no-save',
  description: `do not save ${what}${what === 'the session' ? ' (it cannot be resumed)' : ''}`,
});

/** The bank of interview problems: only interviews read it. */
const bank = async () => {
  const { loadCompiledKnowledge, withProblems } = await import('../knowledge/compiled.js');
  return withProblems(loadCompiledKnowledge());
};

export const REGISTRY = {
  design: {
    description: 'walk the six design phases and write system_design.md',
    flags: [
      { flags: '--scope <scope>', description: 'kind of system: system, ml or hybrid' },
      { flags: '--answers <file>', description: 'run non-interactively from an answers file (YAML or JSON)' },
      ACCEPT_RECOMMENDED,
      ADR,
      ADR_DIR,
      noSave(),
    ],
    protocol: async () => (await import('../protocols/design/index.js')).designProtocol,
    kind: async () => (await import('./kinds/design.js')).designKind,
  },
  pipeline: {
    description: 'scope an ML workflow into pipelines and an MVP, and write pipeline_architecture.md',
    flags: [
      {
        flags: '--answers <file>',
        description: 'run non-interactively from an answers file (YAML or JSON, command: pipeline)',
      },
      ACCEPT_RECOMMENDED,
      noSave(),
    ],
    protocol: async () => (await import('../protocols/pipeline/index.js')).pipelineProtocol,
    kind: async () => (await import('./kinds/pipeline.js')).pipelineKind,
  },
  interview: {
    description: 'a timed mock system-design interview, scored with evidence in interview_feedback.md',
    flags: [
      { flags: '--problem <id>', description: 'the problem (see `mlops-design problems`)' },
      { flags: '--random', description: 'a random problem (of --level, when given)' },
      { flags: '--level <level>', description: 'the level you are interviewing at: mid, senior or staff' },
      {
        flags: '--timebox <duration>',
        description: "the interview's length, e.g. 45m (default: the problem's)",
      },
      {
        flags: '--answers <file>',
        description: 'replay a candidate from an answers file (YAML or JSON, command: interview)',
      },
      { flags: '--pass-mark <score>', description: 'exit 1 when the score (0-100) is below it' },
      { flags: '--history', description: 'show the weakest dimensions across your past interviews' },
      noSave('the session or the gaps log'),
    ],
    protocol: async () =>
      (await import('../protocols/interview/index.js')).interviewProtocol((await bank()).problems),
    kind: async () => (await import('./kinds/interview.js')).interviewKind(await bank()),
  },
  lifecycle: {
    description:
      'assess MLOps maturity, decide the stack by rule, and write mlops_plan.md and the files under mlops/',
    flags: [
      {
        flags: '--answers <file>',
        description: 'run non-interactively from an answers file (YAML or JSON, command: lifecycle)',
      },
      {
        flags: '--from <session>',
        description: 'pre-fill from a finished design or pipeline session (its id)',
      },
      ACCEPT_RECOMMENDED,
      noSave(),
    ],
    protocol: async () => (await import('../protocols/lifecycle/index.js')).lifecycleProtocol,
    kind: async () => (await import('./kinds/lifecycle.js')).lifecycleKind,
  },
} as const satisfies Readonly<Record<string, ProtocolEntry>>;

export type ProtocolName = keyof typeof REGISTRY;

/** Every protocol's name, in the order --help lists their commands. */
export const PROTOCOL_NAMES = Object.keys(REGISTRY) as [ProtocolName, ...ProtocolName[]];

/** The first: what `mlops-design` runs with no command, and an answers file without `command` is for. */
export const DEFAULT_PROTOCOL: ProtocolName = PROTOCOL_NAMES[0];

/** The entry of a name from outside (a flag, a saved session). */
export function entryOf(name: string): ProtocolEntry {
  if (!(PROTOCOL_NAMES as readonly string[]).includes(name))
    throw usageError(`\`${name}\` sessions are not supported by this version`);
  return REGISTRY[name as ProtocolName];
}

/**
 * A protocol alone, for the commands that only read its questions (validate, questions, sessions):
 * they need the step list, not the advisor, the renderer or the rules that a session kind brings.
 */
export const protocolOf = (name: string): Promise<Protocol> => entryOf(name).protocol();

/** The kind of session a command runs; only that protocol's code is loaded. */
export const loadKind = (name: string): Promise<SessionKind> => entryOf(name).kind();
