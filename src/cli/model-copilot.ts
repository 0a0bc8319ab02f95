/** The model-backed co-pilot (Anthropic, or a replayed cassette), loaded only when chosen. */
import { createAnthropicCoPilot, type AnthropicCoPilot } from '../copilot/anthropic/anthropic-copilot.js';
import { createHash } from 'node:crypto';
import { replayClient, recordingClient, type CassetteSubject } from '../copilot/anthropic/cassette.js';
import { createMessagesClient, type Credential, type MessagesClient } from '../copilot/anthropic/client.js';
import { priceOf } from '../copilot/anthropic/models.js';
import { totalCost, usageLine } from '../copilot/anthropic/usage.js';
import type { CoPilot } from '../copilot/port.js';
import { AppError, ExitCode, usageError } from '../errors.js';
import { withGuideBodies } from '../knowledge/compiled.js';
import type { Knowledge } from '../knowledge/load.js';
import type { CopilotSetup, SessionInputs } from './copilot-factory.js';
import { checkRecordTarget } from './record-target.js';
import type { GlobalOptions } from './options.js';
import type { Output } from './output.js';
import type { Protocol } from '../protocol/types.js';
import { COMPONENT_TYPES } from '../protocols/design/model.js';
import { prosePreview, spinner } from './spinner.js';
import { terminal } from './terminal-io.js';

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * ANTHROPIC_API_KEY, else ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer, as gateways often
 * want); undefined when neither is set. Both are redacted from everything printed (lib/redact.ts).
 */
function credentialFrom(env: Readonly<Record<string, string | undefined>>): Credential | undefined {
  const key = env.ANTHROPIC_API_KEY;
  if (key) return { apiKey: key };
  const token = env.ANTHROPIC_AUTH_TOKEN;
  return token ? { authToken: token } : undefined;
}

/** The protocol's id and a digest of its steps: a cassette of another protocol is not replayed. */
function protocolFingerprint(protocol: Protocol): string {
  const steps = [...protocol.setup, ...protocol.steps, protocol.approval].map(
    (step) => `${step.kind}:${step.id}`,
  );
  return `${protocol.id}@${createHash('sha256').update(steps.join('\n')).digest('hex').slice(0, 12)}`;
}

/**
 * ANTHROPIC_BASE_URL, checked before the first question: a malformed one is a configuration error
 * (78), not an unavailable model found out at the first request. Its value is not echoed: a gateway
 * URL may carry credentials.
 */
export function checkGatewayUrl(value: string | undefined): void {
  if (value === undefined || value.trim() === '') return;
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return;
  throw new AppError(
    ExitCode.config,
    'ANTHROPIC_BASE_URL is not a valid URL: expected http:// or https:// and a host, e.g. https://api.anthropic.com',
    'Fix or unset ANTHROPIC_BASE_URL, or run with --copilot offline.',
  );
}

export function modelCopilot(
  globals: GlobalOptions,
  knowledge: Knowledge,
  out: Output,
  offline: CoPilot,
  choice: 'anthropic' | 'anthropic-default' | 'replay',
  protocol: Protocol,
  inputs: SessionInputs,
  signal?: AbortSignal,
): CopilotSetup {
  const credential = credentialFrom(process.env);
  const model = globals.model ?? knowledge.models.default_model;
  if (knowledge.models.deprecated.includes(model)) {
    throw new AppError(
      ExitCode.config,
      `model ${model} is deprecated`,
      `Use ${knowledge.models.default_model} (the default) or another current model with --model.`,
    );
  }
  // The spinner and the streamed prose share stderr: the first piece of prose stops the spinner.
  const wait = spinner(terminal(), !out.quiet && out.style.level > 0);
  let client: MessagesClient;
  // Checked before anything is read or written: a recording never replaces what the session reads.
  if (globals.record)
    checkRecordTarget(globals.record, {
      force: globals.force,
      reads: [
        ...(inputs.answersPath === undefined ? [] : [{ path: inputs.answersPath, what: 'answers file' }]),
        ...(choice === 'replay' && globals.cassette
          ? [{ path: globals.cassette, what: 'cassette being replayed' }]
          : []),
      ],
    });
  const begins: ((subject: CassetteSubject) => void)[] = [];
  if (choice === 'replay') {
    if (!globals.cassette) throw usageError('--copilot replay needs --cassette FILE');
    const replay = replayClient(globals.cassette);
    begins.push(replay.begin);
    client = replay;
  } else {
    if (!credential) {
      throw new AppError(
        ExitCode.config,
        'the Anthropic co-pilot (--copilot anthropic) needs a credential: neither ANTHROPIC_API_KEY nor ANTHROPIC_AUTH_TOKEN is set',
        'Set ANTHROPIC_API_KEY, or ANTHROPIC_AUTH_TOKEN for a gateway that takes a bearer token (and ANTHROPIC_BASE_URL for a gateway), or run with --copilot offline.',
      );
    }
    // Checked here; the SDK reads the variable itself, as it always has.
    checkGatewayUrl(process.env.ANTHROPIC_BASE_URL);
    client = createMessagesClient({
      ...credential,
      timeoutMs: envNumber('MLOPS_DESIGN_TIMEOUT_MS', 60_000),
      maxRetries: 3,
      idleMs: envNumber('MLOPS_DESIGN_IDLE_MS', 30_000),
      ...(signal ? { signal } : {}),
    });
  }
  if (globals.record) {
    const recording = recordingClient(client, globals.record);
    begins.push(recording.begin);
    client = recording;
  }

  const anthropic: AnthropicCoPilot = createAnthropicCoPilot({
    prose: prosePreview(terminal(), !out.quiet && out.style.level > 0, () => {
      wait(false);
    }),
    // The spinner turns only while a person waits on a request, never for one made ahead.
    wait,
    client,
    offline,
    protocol,
    vocabulary: protocol.id === 'design' ? COMPONENT_TYPES : [],
    knowledge,
    // The model reads the guides themselves: their full text is loaded only here.
    guides: withGuideBodies(knowledge).guides,
    model,
    cache: process.env.MLOPS_DESIGN_PROMPT_CACHE !== 'off',
    mode: choice === 'anthropic-default' ? 'default' : 'explicit',
    notify: (text) => {
      out.warn(out.style.yellow(text));
    },
  });
  const price = priceOf(knowledge.models, model);
  return {
    copilot: anthropic,
    begin: (answers) => {
      const subject: CassetteSubject = {
        protocol: protocolFingerprint(protocol),
        settings: { model },
        answers: answers ?? null,
      };
      for (const begin of begins) begin(subject);
    },
    usage: () => ({
      line: usageLine(anthropic.usage, model, price),
      json: {
        model,
        requests: anthropic.usage.requests,
        input_tokens: anthropic.usage.inputTokens,
        cache_write_tokens: anthropic.usage.cacheWriteTokens,
        cache_read_tokens: anthropic.usage.cacheReadTokens,
        output_tokens: anthropic.usage.outputTokens,
        cost_usd: price ? Number(totalCost(anthropic.usage, price).toFixed(6)) : null,
        cost_is_estimate: true,
      },
    }),
  };
}
