/**
 * Other endpoints that speak the Messages API: a gateway under a path prefix (ANTHROPIC_BASE_URL),
 * a bearer token instead of an API key (ANTHROPIC_AUTH_TOKEN), and a model the price table does not
 * know (a local model server). The built CLI runs as a user runs it, through the real SDK, against
 * the loopback fake Messages API and a small loopback gateway written here.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoBaseline, startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { snapshot } from '../support/tree.js';
import {
  assertBuilt,
  examplePath,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
} from './support/run-cli.js';

const KEY = 'sk-ant-ENDPOINTS-KEY-0123456789';
const TOKEN = 'gateway-token-ENDPOINTS-9876543210';
const PREFIX = '/gateway/anthropic';
const temp = tempDirs('endpoints');

interface Gateway {
  readonly url: string;
  /** Each request's path and headers (lower-cased names), as the gateway received them. */
  readonly seen: { readonly path: string; readonly headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/**
 * A gateway under a path prefix: `POST <prefix>/v1/messages` is forwarded to the fake with its
 * headers and body, and the answer (a JSON body or an SSE stream) is piped back as it comes.
 * Anything else is a 404, so a client that dropped the prefix fails.
 */
async function startGateway(upstream: string): Promise<Gateway> {
  const seen: Gateway['seen'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, headers: req.headers });
    if (req.method !== 'POST' || path !== `${PREFIX}/v1/messages`) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no route ${path}` } }),
      );
      return;
    }
    const headers = { ...req.headers };
    delete headers.host;
    const forward = httpRequest(`${upstream}/v1/messages`, { method: 'POST', headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => {
      res.destroy();
    });
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

interface Case {
  readonly dir: string;
  readonly out: string;
}

function makeCase(): Case {
  const dir = temp.make();
  const out = join(dir, 'out');
  mkdirSync(out);
  mkdirSync(join(dir, 'config'));
  return { dir, out };
}

/** `design --answers pastebin --out out ...flags` with the given ANTHROPIC_* variables only. */
function runDesign(
  c: Case,
  flags: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CliResult> {
  return runCli(['design', '--answers', examplePath('pastebin'), '--out', c.out, ...flags], {
    cwd: c.dir,
    env: { ANTHROPIC_CONFIG_DIR: join(c.dir, 'config'), ...env },
  });
}

async function echoFake(): Promise<FakeAnthropic> {
  const fake = await startFakeAnthropic();
  fake.fallback = echoBaseline;
  return fake;
}

/** Every regular file under `dir` (the snapshot's other entries are folders, links, FIFOs). */
const filesUnder = (dir: string): string[] =>
  [...snapshot(dir)].filter(([, what]) => /^[0-9a-f]{64}$/.test(what)).map(([path]) => join(dir, path));

/** The secret is in no output and no file the run wrote. */
function expectNotPrinted(secret: string, c: Case, result: CliResult): void {
  expect(result.stdout).not.toContain(secret);
  expect(result.stderr).not.toContain(secret);
  for (const file of filesUnder(c.dir)) expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
}

interface GatewayRun {
  readonly c: Case;
  readonly result: CliResult;
  readonly gateway: Gateway;
  readonly fake: FakeAnthropic;
}

/**
 * A pastebin session with `--copilot anthropic --json` through a gateway in front of an echoing fake,
 * with the given credential: it must end 0 with the offline document; then `check` looks closer.
 */
async function throughGateway(
  credential: Readonly<Record<string, string>>,
  check: (run: GatewayRun) => void,
): Promise<void> {
  const fake = await echoFake();
  const gateway = await startGateway(fake.url);
  try {
    const c = makeCase();
    const result = await runDesign(c, ['--copilot', 'anthropic', '--json'], {
      ...credential,
      ANTHROPIC_BASE_URL: gateway.url,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(c.out, 'system_design.md'), 'utf8')).toBe(offlineDocument);
    check({ c, result, gateway, fake });
  } finally {
    await gateway.close();
    await fake.close();
  }
}

interface Summary {
  readonly usage: { readonly model: string; readonly requests: number; readonly cost_usd: number | null };
}

let offlineDocument = '';

beforeAll(async () => {
  assertBuilt();
  const c = makeCase();
  const result = await runDesign(c, ['--copilot', 'offline'], {});
  expect(result.code, result.stderr).toBe(0);
  offlineDocument = readFileSync(join(c.out, 'system_design.md'), 'utf8');
});

afterAll(() => {
  temp.removeAll();
});

describe.concurrent('other endpoints speaking the Messages API', () => {
  it('a gateway under a path prefix (ANTHROPIC_BASE_URL): every request goes through it, end to end', async ({
    expect,
  }) => {
    await throughGateway({ ANTHROPIC_API_KEY: KEY }, ({ c, result, gateway, fake }) => {
      const summary = JSON.parse(result.stdout) as Summary;
      expect(summary.usage.requests).toBeGreaterThan(1);
      expect(gateway.seen.map((seen) => seen.path)).toEqual(
        Array.from({ length: summary.usage.requests }, () => `${PREFIX}/v1/messages`),
      );
      expect(fake.requests).toHaveLength(summary.usage.requests);
      for (const seen of gateway.seen) expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(stackFrames(result.stderr)).toEqual([]);
      expectNotPrinted(KEY, c, result);
    });
  });

  it('ANTHROPIC_AUTH_TOKEN without a key: sent as Authorization: Bearer, no x-api-key, never printed', async ({
    expect,
  }) => {
    await throughGateway({ ANTHROPIC_AUTH_TOKEN: TOKEN }, ({ c, result, gateway }) => {
      expect(gateway.seen.length).toBeGreaterThan(1);
      for (const seen of gateway.seen) {
        expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(seen.headers['x-api-key']).toBeUndefined();
      }
      expectNotPrinted(TOKEN, c, result);
    });
  });

  it('with both set, the API key is the one sent', async ({ expect }) => {
    const fake = await echoFake();
    try {
      const c = makeCase();
      const result = await runDesign(c, ['--copilot', 'anthropic'], {
        ANTHROPIC_API_KEY: KEY,
        ANTHROPIC_AUTH_TOKEN: TOKEN,
        ANTHROPIC_BASE_URL: fake.url,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(fake.requests.length).toBeGreaterThan(1);
      for (const request of fake.requests) expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expectNotPrinted(TOKEN, c, result);
      expectNotPrinted(KEY, c, result);
    } finally {
      await fake.close();
    }
  });

  it('a gateway that refuses the token and echoes it back: exit 78, the token redacted', async ({
    expect,
  }) => {
    const fake = await startFakeAnthropic();
    // Every request is refused (requests made ahead run side by side).
    fake.fallback = () => ({
      kind: 'status',
      status: 401,
      errorType: `authentication_error for Authorization: Bearer ${TOKEN}`,
      errorMessage: `invalid bearer token ${TOKEN}`,
    });
    try {
      const c = makeCase();
      const result = await runDesign(c, ['--copilot', 'anthropic'], {
        ANTHROPIC_AUTH_TOKEN: TOKEN,
        ANTHROPIC_BASE_URL: fake.url,
      });
      expect(result.code, result.stderr).toBe(78);
      expect(result.stderr).toMatch(/ANTHROPIC_AUTH_TOKEN/);
      // A refused credential is never retried: each request was sent once.
      const bodies = fake.requests.map((request) => JSON.stringify(request.body));
      expect(bodies.length).toBeGreaterThan(0);
      expect(new Set(bodies).size).toBe(bodies.length);
      expectNotPrinted(TOKEN, c, result);
    } finally {
      await fake.close();
    }
  });

  it('neither variable set: exit 78 before any request, naming both', async ({ expect }) => {
    const fake = await echoFake();
    try {
      const c = makeCase();
      const result = await runDesign(c, ['--copilot', 'anthropic'], { ANTHROPIC_BASE_URL: fake.url });
      expect(result.code).toBe(78);
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^mlops-design: .*ANTHROPIC_API_KEY.*ANTHROPIC_AUTH_TOKEN/);
      expect(fake.requests).toEqual([]);
      expect(existsSync(join(c.out, 'system_design.md'))).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('a model not in the price table (--model local-llama): runs, and the cost is unpriced', async ({
    expect,
  }) => {
    const fake = await echoFake();
    try {
      const c = makeCase();
      const result = await runDesign(c, ['--copilot', 'anthropic', '--model', 'local-llama', '--json'], {
        ANTHROPIC_API_KEY: KEY,
        ANTHROPIC_BASE_URL: fake.url,
      });
      expect(result.code, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout) as Summary;
      expect(summary.usage.model).toBe('local-llama');
      expect(summary.usage.cost_usd).toBeNull();
      expect(summary.usage.requests).toBe(fake.requests.length);
      for (const request of fake.requests)
        expect((request.body as { model: string }).model).toBe('local-llama');
      const usageLines = result.stderr.split('\n').filter((line) => / requests to /.test(line));
      expect(usageLines).toHaveLength(1);
      expect(usageLines[0]).toContain('local-llama');
      expect(usageLines[0]).toMatch(/cost unpriced \(local-llama is not in the price table\)/);
      expect(usageLines[0]).not.toMatch(/\$/);
    } finally {
      await fake.close();
    }
  });
});
