/**
 * The command-line program. It declares the commands and their flags, runs one command, and is the
 * only place that turns an outcome into an exit code. Commander only declares flags: each command
 * checks their values with its own zod schema (options.ts), so a bad value is one line and exit 64.
 * Commands are imported when they run, so `--help` stays light.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import { describeError } from './errors.js';
import { terminal, type Terminal } from './terminal-io.js';
import { FIELDS } from '../estimation/spec-fields.js';
import { didYouMean } from '../lib/suggest.js';
import { parseGlobalOptions } from './options.js';
import {
  ACCEPT_RECOMMENDED,
  ADR,
  ADR_DIR,
  DEFAULT_PROTOCOL,
  PROTOCOL_NAMES,
  REGISTRY,
  loadKind,
} from './registry.js';
import { packageVersion } from '../version.js';

const EXAMPLES = `
Examples:
  $ mlops-design                                   start an interactive design session
  $ mlops-design design --scope ml --out docs/      an ML system, document written to docs/
  $ mlops-design design --answers examples/pastebin.yaml --out /tmp/design --force
  $ mlops-design pipeline --answers examples/pipeline-churn.yaml --out /tmp/churn   scope ML pipelines
  $ mlops-design interview --random --level senior  a timed mock interview, scored with evidence
  $ mlops-design validate examples/pastebin.yaml    check an answers file and print its plan
  $ mlops-design questions --scope ml --json        every question id, for writing answers files
  $ mlops-design sessions                           saved sessions; continue one with: mlops-design resume --last

Exit codes: 0 ok, 1 check failed, 64 usage, 65 bad input, 66 file not found, 70 internal error,
73 output exists (use --force) or cannot be created, 74 I/O error (disk full), 75 LLM unavailable,
78 configuration, 130 interrupted, 143 terminated.`;

export function buildProgram(io: Terminal = terminal()): Command {
  const program = new Command('mlops-design')
    .description(
      'A terminal co-pilot for system design: six phases, real numbers, explicit tradeoffs, and a design document.',
    )
    .version(packageVersion(), '-V, --version')
    .option('-o, --out <dir>', 'directory to write documents into', '.')
    .option('-f, --force', 'replace existing documents (one you edited is kept as NAME.~N~)', false)
    .option(
      '--check',
      'run the session but write nothing: exit 1 listing each file that would change (for CI)',
      false,
    )
    .option(
      '--copilot <name>',
      'co-pilot: offline (default without a key), anthropic (default with ANTHROPIC_API_KEY), replay',
    )
    .option('--model <id>', 'Anthropic model (default: the current one in references/numbers/anthropic.yaml)')
    .option('--record <file>', "write the session's model exchanges to a cassette (JSONL)")
    .option('--cassette <file>', 'with --copilot replay: the cassette to replay')
    .option('--json', 'print one JSON summary on stdout', false)
    .option('--no-color', 'no colour or styling')
    .option('-q, --quiet', 'print only results, warnings and errors', false)
    .option('--no-input', 'never prompt; fail if an answer is needed')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run with --help for usage)')
    // Commander's own messages ("error: unknown option") get the same one-line form as ours, and
    // everything it prints goes through the one writer (an unknown option is the user's text).
    .configureOutput({
      writeOut: (text) => {
        io.text('stdout', text);
      },
      writeErr: (text) => {
        io.text('stderr', text);
      },
      outputError: (text, write) => {
        write(`mlops-design: ${text.replace(/^error: /, '')}`);
      },
    })
    .exitOverride();

  // The session commands, one per protocol in the registry.
  for (const name of PROTOCOL_NAMES) {
    const entry = REGISTRY[name];
    const command = program
      .command(name, { isDefault: name === DEFAULT_PROTOCOL })
      .description(entry.description)
      .action(async (options: Record<string, unknown>, self: Command) => {
        const globals = parseGlobalOptions(self.optsWithGlobals());
        // The command and the protocol's kind load side by side: one round of module loading.
        const [{ runStart }, kind] = await Promise.all([import('./commands/start.js'), loadKind(name)]);
        await runStart(kind, globals, options);
      });
    for (const flag of entry.flags) command.option(flag.flags, flag.description);
  }

  program
    .command('problems')
    .description('list the interview problem bank')
    .option('--level <level>', 'only this level: mid, senior or staff')
    .option('--tag <tag>', 'only problems with this tag, e.g. ml')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { runProblems } = await import('./commands/problems.js');
      runProblems(parseGlobalOptions(command.optsWithGlobals()), options);
    });

  program
    .command('questions')
    .description('list every question id with its prompt, the kind of answer and when it is asked')
    .option('--command <name>', `protocol to list: ${PROTOCOL_NAMES.join(', ')}`, DEFAULT_PROTOCOL)
    .option('--scope <scope>', 'only the questions asked for this scope: system, ml or hybrid')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { runQuestions } = await import('./commands/questions.js');
      await runQuestions(parseGlobalOptions(command.optsWithGlobals()), options);
    });

  program
    .command('validate')
    .description('check an answers file (schema, ids, types, units, missing answers) and print the plan')
    .argument('<file>', 'answers file (YAML or JSON)')
    .option('--scope <scope>', 'scope, when the file does not give one: system, ml or hybrid')
    .action(async (file: string, options: Record<string, unknown>, command: Command) => {
      const { runValidate } = await import('./commands/validate.js');
      await runValidate(parseGlobalOptions(command.optsWithGlobals()), file, options);
    });

  program
    .command('sessions')
    .description('list saved sessions: id, command, title, phase reached, age, finished or not')
    .action(async (_options: Record<string, unknown>, command: Command) => {
      const { runSessions } = await import('./commands/sessions.js');
      await runSessions(parseGlobalOptions(command.optsWithGlobals()));
    });

  program
    .command('resume')
    .description('continue a saved session at the question where it stopped')
    .argument('[id]', 'session id (see `mlops-design sessions`)')
    .option('--last', 'the most recently saved unfinished session')
    .option('--answers <file>', 'answer the remaining questions from an answers file')
    .option(ACCEPT_RECOMMENDED.flags, ACCEPT_RECOMMENDED.description)
    .option(ADR.flags, ADR.description)
    .option(ADR_DIR.flags, ADR_DIR.description)
    .action(async (id: string | undefined, options: Record<string, unknown>, command: Command) => {
      const { runResume } = await import('./commands/resume.js');
      const outGiven = command.getOptionValueSourceWithGlobals('out') === 'cli';
      await runResume(parseGlobalOptions(command.optsWithGlobals()), id, { ...options, outGiven });
    });

  program
    .command('references')
    .description('list the reference guides the co-pilot draws on, or render one')
    .argument('[id]', 'guide id, e.g. database-design')
    .action(async (id: string | undefined, _options: Record<string, unknown>, command: Command) => {
      const { runReferences } = await import('./commands/references.js');
      await runReferences(parseGlobalOptions(command.optsWithGlobals()), id);
    });

  const estimate = program
    .command('estimate')
    .description(
      'back-of-envelope numbers with their calculations: QPS, storage, bandwidth, capacity, cost, availability, latency budget',
    )
    .option(
      '--spec <file>',
      'inputs from a YAML or JSON file (the same names in snake_case); flags override it',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ mlops-design estimate --writes 10M/month --read-write-ratio 10 --write-size 1KB --retention 3y
  $ mlops-design estimate --dau 50M --writes-per-user 2/day --reads-per-user 20/day --write-size 1KB \\
      --read-size 50KB --retention 3y --peak-factor 3 --per-server-qps 2000 --target-utilization 0.6 --growth 10x,100x
  $ mlops-design estimate --availability 99.95% --writes 1160/s
  $ mlops-design estimate --latency-budget 200 --path gateway,service,cache,db --json

Sizes are SI (1 KB = 1,000 B) unless written KiB; a month is 30 days and a year 365. --json prints
{"inputs", "metrics": {"<id>": {"value", "unit", "formula", "display"}}, "warnings"} in base units.`,
    )
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { runEstimate } = await import('./commands/estimate.js');
      runEstimate(parseGlobalOptions(command.optsWithGlobals()), options);
    });
  for (const f of FIELDS) estimate.option(`--${f.flag} <value>`, f.help);

  for (const command of program.commands)
    command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** A first word that is not a command would otherwise be read as an argument of the default command. */
function unknownCommand(program: Command, argv: readonly string[]): string | undefined {
  const first = argv[2];
  if (first === undefined || first.startsWith('-')) return undefined;
  const names = program.commands.map((command) => command.name());
  if (names.includes(first) || first === 'help') return undefined;
  return `mlops-design: unknown command '${first}'${didYouMean(first, names)}; commands: ${names.join(', ')}`;
}

export async function main(argv: readonly string[]): Promise<void> {
  // First: the streams' error listeners are attached before anything is written.
  const io = terminal();
  const code = await run(io, argv);
  // Set before waiting on the streams: a write that never completes (a terminal gone) must not
  // leave the process to end with 0 when its event loop empties.
  process.exitCode = code;
  process.exitCode = await io.finish(code);
}

/** Runs one command; its exit code. Nothing here sets the process's exit code or writes around `io`. */
async function run(io: Terminal, argv: readonly string[]): Promise<number> {
  try {
    const program = buildProgram(io);
    const unknown = unknownCommand(program, argv);
    if (unknown) {
      io.line('stderr', unknown);
      return ExitCode.usage;
    }
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or its own error message on the right stream.
      const ok =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      return ok ? ExitCode.ok : ExitCode.usage;
    }
    const reported = describeError(error, process.env.MLOPS_DESIGN_DEBUG === '1');
    io.line('stderr', reported.lines.join('\n'));
    return reported.exitCode;
  }
}
