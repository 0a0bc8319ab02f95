/** The model-backed co-pilot (Anthropic, or a replayed cassette), loaded only when chosen. */
import { createAnthropicCoPilot, type AnthropicCoPilot } from '../copilot/anthropic/anthropic-copilot.js';
import { replayClient, recordingClient } from '../copilot/anthropic/cassette.js';
import { createMessagesClient, type MessagesClient } from '../copilot/anthropic/client.js';
import { priceOf } from '../copilot/anthropic/models.js';
import { totalCost, usageLine } from '../copilot/anthropic/usage.js';
import type { CoPilot } from '../copilot/port.js';
import { AppError, ExitCode, usageError } from '../errors.js';
import { withGuideBodies } from '../knowledge/compiled.js';
import type { Knowledge } from '../knowledge/load.js';
import type { CopilotSetup } from './copilot-factory.js';
import type { GlobalOptions } from './options.js';
import type { Output } from './output.js';
import type { Protocol } from '../protocol/types.js';
import { prosePreview, spinner } from './spinner.js';
import { terminal } from './terminal-io.js';

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export function modelCopilot(
  globals: GlobalOptions,
  knowledge: Knowledge,
  out: Output,
  offline: CoPilot,
  choice: 'anthropic' | 'anthropic-default' | 'replay',
  protocol: Protocol,
): CopilotSetup {
  const key = process.env.ANTHROPIC_API_KEY;
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
  if (choice === 'replay') {
    if (!globals.cassette) throw usageError('--copilot replay needs --cassette FILE');
    client = replayClient(globals.cassette);
  } else {
    if (!key) {
      throw new AppError(
        ExitCode.config,
        'the Anthropic co-pilot (--copilot anthropic) needs an API key: ANTHROPIC_API_KEY is not set',
        'Set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a gateway), or run with --copilot offline.',
      );
    }
    client = createMessagesClient({
      apiKey: key,
      timeoutMs: envNumber('MLOPS_DESIGN_TIMEOUT_MS', 60_000),
      maxRetries: 3,
      idleMs: envNumber('MLOPS_DESIGN_IDLE_MS', 30_000),
      onWait: wait,
    });
  }
  if (globals.record) client = recordingClient(client, globals.record);

  const anthropic: AnthropicCoPilot = createAnthropicCoPilot({
    prose: prosePreview(terminal(), !out.quiet && out.style.level > 0, () => {
      wait(false);
    }),
    client,
    offline,
    protocol,
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
