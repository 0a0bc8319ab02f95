/** Reads the bundled reference guides from the package's references/ folder. */
import { readdirSync, readFileSync } from 'node:fs';
import { AppError, ExitCode } from '../errors.js';
import { REFERENCES_DIR } from '../paths.js';
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
