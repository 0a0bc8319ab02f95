/**
 * Which components deserve a deep-dive: ranked by the load, data and risk they carry, each with the
 * reason in numbers.
 */
import { formatBytes, formatRate } from '../../../estimation/index.js';
import type { SessionState } from '../../../protocol/types.js';
import { designDrafts, type Component } from '../../../protocols/design/model.js';
import type { Signals } from './signals.js';

export interface Candidate {
  readonly component: Component;
  readonly score: number;
  readonly reason: string;
}

export function deepDiveCandidates(
  s: Signals,
  state: SessionState,
  /** Components the composed archetypes name a hard problem for: they rank first. */
  problems: ReadonlyMap<string, readonly { readonly title: string }[]> = new Map(),
): Candidate[] {
  const architecture = designDrafts(state).architecture;
  if (!architecture) throw new Error('deep-dive candidates need the high-level architecture');
  const scored = architecture.components.flatMap((component): Candidate[] => {
    const own = problems.get(component.id) ?? [];
    const candidate =
      own.length > 0
        ? {
            score: 100 - [...problems.keys()].indexOf(component.id),
            reason: `it carries ${own.length === 1 ? 'a hard problem' : 'hard problems'} of this system: ${own.map((problem) => problem.title.toLowerCase()).join('; ')}`,
          }
        : rank(component, s);
    return candidate ? [{ component, ...candidate }] : [];
  });
  return scored.sort((a, b) => b.score - a.score || a.component.id.localeCompare(b.component.id));
}

function rank(component: Component, s: Signals): { score: number; reason: string } | undefined {
  switch (component.type) {
    case 'datastore':
      return {
        score:
          50 +
          Math.min(
            40,
            (s.peakWrites / s.capacity.relationalPrimaryWritesPerSecond) * 20 +
              (s.storageRetention / s.capacity.relationalPrimaryBytes) * 20,
          ),
        reason: `it holds ${formatBytes(s.databaseBytes)} per copy${s.blobs ? ' of metadata' : ''} and takes ${formatRate(s.peakWrites)} peak writes; its partitioning and failover decide durability`,
      };
    case 'cache':
      return {
        score: 30 + Math.min(50, s.peakReads / 1_000),
        reason: `it absorbs most of ${formatRate(s.peakReads)} peak reads, and a cold or failed cache sends them all to the datastore`,
      };
    case 'queue':
      return {
        score: 35 + Math.min(40, s.peakWrites / 1_000),
        reason: `it absorbs write bursts of ${formatRate(s.peakWrites)}; ordering, duplicates and lag are where it goes wrong`,
      };
    case 'model-serving':
      return {
        score: 70,
        reason: `the model sits in the request path at ${formatRate(s.peakQps)} with ${s.show.p99}; latency and fallbacks are the hard part`,
      };
    case 'feature-store':
      return {
        score: 55,
        reason: 'training/serving skew and feature freshness are the most common silent ML failures',
      };
    case 'batch-scoring':
      return {
        score: 45,
        reason: 'every prediction comes from it; a late or bad run is served to every user',
      };
    case 'monitoring':
      return { score: 40, reason: 'without drift and accuracy monitoring a model degrades silently' };
    case 'service':
      return component.id === 'workers'
        ? undefined
        : {
            score: 20 + Math.min(30, s.peakQps / 2_000),
            reason: `it serves ${formatRate(s.peakQps)} peak and holds the business logic`,
          };
    case 'gateway':
      return {
        score: 15 + Math.min(20, s.peakQps / 5_000),
        reason: `it takes all ${formatRate(s.peakQps)} peak traffic and enforces rate limits`,
      };
    default:
      return undefined;
  }
}
