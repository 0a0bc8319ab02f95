/** Reads the bundled reference guides from the package's references/ folder. */
import { readdirSync, readFileSync } from 'node:fs';
import { AppError, ExitCode } from '../errors.js';
import type { Result } from '../lib/result.js';
import { REFERENCES_DIR } from '../paths.js';
import { parseGuide, type Guide } from './guide.js';
import { parseProblem, type Problem } from './problems.js';
import { checkCatalogue, parseArchetype, type Archetype } from './archetypes.js';
import { parseModelTable, type ModelTable } from '../copilot/anthropic/models.js';
import { parseLatencies, type LatencyTable } from './latencies.js';
import { parseLlmServing, type LlmServingTable } from './llm-serving.js';
import { parsePrices, type PriceTable } from './prices.js';
import { parseThroughput, type ThroughputTable } from './throughput.js';

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

/** Reads the problem bank; each problem's components resolve against the archetype catalogue. */
export function loadProblems(
  directory = `${REFERENCES_DIR}problems/`,
  archetypes: readonly Archetype[] = loadArchetypes(),
): Problem[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const parsed = parseProblem(
        `references/problems/${name}`,
        readFileSync(`${directory}${name}`, 'utf8'),
        archetypes,
      );
      if (!parsed.ok)
        throw new AppError(ExitCode.internal, `A bundled interview problem is malformed: ${parsed.error}`);
      return parsed.value;
    });
}

export function loadArchetypes(directory = `${REFERENCES_DIR}archetypes/`): Archetype[] {
  const archetypes = readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const parsed = parseArchetype(
        `references/archetypes/${name}`,
        readFileSync(`${directory}${name}`, 'utf8'),
      );
      if (!parsed.ok)
        throw new AppError(ExitCode.internal, `A bundled archetype is malformed: ${parsed.error}`);
      return parsed.value;
    });
  const checked = checkCatalogue(archetypes);
  if (!checked.ok)
    throw new AppError(ExitCode.internal, `The archetype catalogue is inconsistent: ${checked.error}`);
  return archetypes;
}

/** Reads one bundled dated table; a malformed one is a broken install, reported in one line. */
function loadTable<T>(name: string, label: string, parse: (fileName: string, text: string) => Result<T>): T {
  const parsed = parse(
    `references/numbers/${name}`,
    readFileSync(`${REFERENCES_DIR}numbers/${name}`, 'utf8'),
  );
  if (!parsed.ok) throw new AppError(ExitCode.internal, `The bundled ${label} is malformed: ${parsed.error}`);
  return parsed.value;
}

export const loadPrices = (): PriceTable => loadTable('cloud-prices.yaml', 'price table', parsePrices);
export const loadLatencies = (): LatencyTable => loadTable('latency.yaml', 'latency table', parseLatencies);
export const loadThroughput = (): ThroughputTable =>
  loadTable('throughput.yaml', 'throughput table', parseThroughput);
export const loadLlmServing = (): LlmServingTable =>
  loadTable('llm-serving.yaml', 'LLM-serving table', parseLlmServing);
export const loadModelTable = (): ModelTable => loadTable('anthropic.yaml', 'model table', parseModelTable);

export interface Knowledge {
  readonly guides: readonly Guide[];
  readonly prices: PriceTable;
  readonly latencies: LatencyTable;
  readonly throughput: ThroughputTable;
  readonly llmServing: LlmServingTable;
  readonly problems: readonly Problem[];
  readonly models: ModelTable;
  /** The system archetypes a design is composed from. */
  readonly archetypes: readonly Archetype[];
}

/** Reads and validates the guides and the dated tables from references/. */
export function loadKnowledge(): Knowledge {
  const archetypes = loadArchetypes();
  return {
    guides: loadGuides(),
    prices: loadPrices(),
    latencies: loadLatencies(),
    throughput: loadThroughput(),
    llmServing: loadLlmServing(),
    problems: loadProblems(undefined, archetypes),
    models: loadModelTable(),
    archetypes,
  };
}
