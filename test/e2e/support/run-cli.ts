/**
 * Runs the built binary the way a user does: a real Node process, a throwaway working directory,
 * and an environment with no API key, no colour and CI set, so nothing depends on the machine.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'dist', 'bin.js');
export const EXAMPLES_DIR = join(ROOT, 'examples');
/** Every design example in examples/, each snapshot-tested and replayed from its cassette. */
export const EXAMPLES = [
  'pastebin',
  'news-feed',
  'fraud-scoring',
  'messenger',
  'payments-ledger',
  'ride-dispatch',
  'document-qa',
  'churn-scoring',
  'recommendations',
  'url-shortener',
  'internal-tool',
] as const;
export type ExampleName = (typeof EXAMPLES)[number];
export const examplePath = (name: ExampleName): string => join(EXAMPLES_DIR, `${name}.yaml`);

const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const MARKDOWNLINT_CONFIG = join(ROOT, '.markdownlint-cli2.jsonc');

/** Fails the suite with a clear message when `npm run build` has not run. */
export function assertBuilt(): void {
  if (!existsSync(BIN)) {
    throw new Error(
      `${BIN} is missing: the end-to-end tests run the built CLI. Run \`npm run build\` first (\`npm test\` does it).`,
    );
  }
}

export interface CliResult {
  /** The exit code, or -1 when the process was killed by a signal. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether RunOptions.signal was delivered before the child exited. */
  readonly signalled?: boolean;
}

export interface RunOptions {
  /** The working directory; its `state/` and `home/` hold everything the CLI may write. */
  readonly cwd: string;
  /** Variables to add or override; `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  /** Close the reading end of stdout at once, as `| head` does when it has read enough. */
  readonly closeStdout?: boolean;
  /** Open this path as the child's stdout (e.g. /dev/full) instead of a pipe; stdout is then ''. */
  readonly stdoutTo?: string;
  /** Open this path as the child's stderr (e.g. /dev/full) instead of a pipe; stderr is then ''. */
  readonly stderrTo?: string;
  /** Text written to the child's stdin, which is then closed (default: no stdin at all). */
  readonly stdin?: string;
  /**
   * Send a signal to the child once stderr matches `whenStderr` (or `afterMs` after the start,
   * whichever comes first; at least one must be given). `CliResult.signalled` says whether it was sent.
   */
  readonly signal?: {
    readonly name: NodeJS.Signals;
    readonly whenStderr?: RegExp;
    readonly afterMs?: number;
  };
}

/** A minimal, hermetic environment: no ANTHROPIC_* variables unless `extra` sets them, NO_COLOR=1, CI=1, state in `dir`. */
export function cliEnv(
  dir: string,
  extra: Readonly<Record<string, string | undefined>> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    NO_COLOR: '1',
    CI: '1',
    HOME: join(dir, 'home'),
    MLOPS_DESIGN_STATE_DIR: join(dir, 'state'),
    XDG_STATE_HOME: join(dir, 'xdg-state'),
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
  };
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.SystemRoot !== undefined) env.SystemRoot = process.env.SystemRoot;
  // Nothing of the machine's ANTHROPIC_* reaches the child; a test may still set one explicitly.
  for (const key of Object.keys(env)) {
    if (key.startsWith('ANTHROPIC_')) Reflect.deleteProperty(env, key);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) Reflect.deleteProperty(env, key);
    else env[key] = value;
  }
  return env;
}

function run(file: string, args: readonly string[], options: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const opened: number[] = [];
    const openFor = (path: string | undefined): number | 'pipe' => {
      if (path === undefined) return 'pipe';
      const fd = openSync(path, 'w');
      opened.push(fd);
      return fd;
    };
    const child = spawn(process.execPath, [file, ...args], {
      cwd: options.cwd,
      env: cliEnv(options.cwd, options.env),
      stdio: [
        options.stdin === undefined ? 'ignore' : 'pipe',
        openFor(options.stdoutTo),
        openFor(options.stderrTo),
      ],
      timeout: options.timeoutMs ?? 20_000,
    });
    for (const fd of opened) closeSync(fd);
    let stdout = '';
    let stderr = '';
    let signalled = false;
    let timer: NodeJS.Timeout | undefined;
    const signal = options.signal;
    const sendSignal = (): void => {
      if (signal === undefined || signalled || child.exitCode !== null) return;
      signalled = child.kill(signal.name);
    };
    if (signal?.afterMs !== undefined) timer = setTimeout(sendSignal, signal.afterMs);
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    if (options.closeStdout === true) child.stdout?.destroy();
    else child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (signal?.whenStderr?.test(stderr) === true) sendSignal();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, ...(signal ? { signalled } : {}) });
    });
  });
}

/** Runs `node dist/bin.js ...args`. */
export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  return run(BIN, args, options);
}

/** Runs a Node script of the project (scripts/*.mjs) as a user runs it: `node <script> ...args`. */
export function runScript(script: string, args: readonly string[], options: RunOptions): Promise<CliResult> {
  return run(script, args, options);
}

/** Runs markdownlint-cli2 on the given files with the project's own configuration. */
export function markdownlint(files: readonly string[], cwd: string): Promise<CliResult> {
  return run(MARKDOWNLINT, [...files.map((file) => `:${file}`), '--config', MARKDOWNLINT_CONFIG], { cwd });
}

/** Temporary directories for one test file, removed together in afterAll. */
export function tempDirs(prefix: string): { make: () => string; removeAll: () => void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), `mlops-design-e2e-${prefix}-`));
      made.push(dir);
      return dir;
    },
    removeAll: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lines of stderr that look like a JavaScript stack frame. */
export const stackFrames = (text: string): string[] =>
  text.split('\n').filter((line) => /^\s+at /.test(line));

/** The ```mermaid blocks of a markdown document. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
}

interface MermaidParser {
  parse(text: string): Promise<unknown>;
}

interface JsdomModule {
  JSDOM: new (
    html: string,
    options?: { pretendToBeVisual?: boolean },
  ) => { window: { document: unknown; close(): void } };
}

/**
 * Mermaid's real parser, which needs a DOM: a jsdom window is installed as the global window and
 * document first. jsdom ships no type declarations, so it is imported through a variable.
 */
export async function loadMermaid(): Promise<{ mermaid: MermaidParser; dispose: () => void }> {
  const specifier = 'jsdom';
  const { JSDOM } = (await import(specifier)) as JsdomModule;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  return {
    mermaid,
    dispose: () => {
      dom.window.close();
      Reflect.deleteProperty(globalThis, 'window');
      Reflect.deleteProperty(globalThis, 'document');
    },
  };
}
