/** Reads the bundled reference guides from the package's references/ folder. */
import { readdirSync, readFileSync } from 'node:fs';
import { AppError, ExitCode } from '../errors.js';
import { COMPILED_GUIDE_BODIES, COMPILED_KNOWLEDGE, REFERENCES_DIR } from '../paths.js';
import { parseGuide, type Guide } from './guide.js';
import { parseModelTable, type ModelTable } from '../copilot/anthropic/models.js';
import { parseLatencies, type LatencyTable } from './latencies.js';
import { parsePrices, type PriceTable } from './prices.js';

export function loadGuides(directory = `${REFERENCES_DIR}capabilities/`): Guide[] {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .sort();
  return files.map((name) => {
    const parsed = parseGuide(name, readFileSync(`${directory}${name}`, 'utf8'));
    if (!parsed.ok) {
      throw new AppError(ExitCode.internal, `A bundled reference guide is malformed: ${parsed.error}`);
    }
    return parsed.value;
  });
}

export function loadPrices(file = `${REFERENCES_DIR}numbers/cloud-prices.yaml`): PriceTable {
  const parsed = parsePrices('references/numbers/cloud-prices.yaml', readFileSync(file, 'utf8'));
  if (!parsed.ok)
    throw new AppError(ExitCode.internal, `The bundled price table is malformed: ${parsed.error}`);
  return parsed.value;
}

export function loadLatencies(file = `${REFERENCES_DIR}numbers/latency.yaml`): LatencyTable {
  const parsed = parseLatencies('references/numbers/latency.yaml', readFileSync(file, 'utf8'));
  if (!parsed.ok)
    throw new AppError(ExitCode.internal, `The bundled latency table is malformed: ${parsed.error}`);
  return parsed.value;
}

export function loadModelTable(file = `${REFERENCES_DIR}numbers/anthropic.yaml`): ModelTable {
  const parsed = parseModelTable('references/numbers/anthropic.yaml', readFileSync(file, 'utf8'));
  if (!parsed.ok)
    throw new AppError(ExitCode.internal, `The bundled model table is malformed: ${parsed.error}`);
  return parsed.value;
}

export interface Knowledge {
  readonly guides: readonly Guide[];
  readonly prices: PriceTable;
  readonly latencies: LatencyTable;
  readonly models: ModelTable;
}

/** Reads and validates the guides and the price table from references/. */
export function loadKnowledge(): Knowledge {
  return { guides: loadGuides(), prices: loadPrices(), latencies: loadLatencies(), models: loadModelTable() };
}

/**
 * The knowledge compiled at build time (scripts/bundle.mjs writes it with loadKnowledge, so it was
 * validated then): the CLI reads JSON instead of parsing every guide's YAML at start-up. The guides'
 * full text is a separate file: only the model's prompts and `references` need it, and parsing it
 * on every run would cost the scripted session time it has not got.
 */
export function loadCompiledKnowledge(file = COMPILED_KNOWLEDGE): Knowledge {
  return readCompiled(file) as Knowledge;
}

/** The same knowledge with each guide's full text. */
export function withGuideBodies(knowledge: Knowledge, file = COMPILED_GUIDE_BODIES): Knowledge {
  const bodies = readCompiled(file) as Record<string, string>;
  return {
    ...knowledge,
    guides: knowledge.guides.map((guide) => ({ ...guide, body: bodies[guide.id] ?? '' })),
  };
}

function readCompiled(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError(
      ExitCode.internal,
      `The compiled knowledge base cannot be read (${(error as Error).message}); reinstall or rebuild mlops-design`,
    );
  }
}
