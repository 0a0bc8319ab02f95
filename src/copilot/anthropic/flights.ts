/**
 * Requests on their way, by step. A step's request is keyed by a digest of what it asks (its
 * entries), so the same baseline is never asked twice; a step whose baseline changed after its
 * request was sent (the person chose otherwise than the speculation assumed) asks again.
 */
import { createHash } from 'node:crypto';
import type { ProseEntry } from './prose-patch.js';

export type Prose = ReadonlyMap<string, string>;

export const NO_PROSE: Prose = new Map();

/** A request on its way: its outcome, the text streamed so far, and whether a person waits on it. */
export interface InFlight<T> {
  result: Promise<T>;
  done: boolean;
  streamed: string;
  watched: boolean;
  /** What to tell the person about this answer, once a step takes it. */
  notices: string[];
  /** For an answer merged from parts: the part whose text streams while a person waits. */
  source?: InFlight<unknown>;
}

export const digest = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 10);

/** Starts a request for a step: `send(key, entries, flight)` makes it. */
type Sender<T> = (key: string, entries: readonly ProseEntry[], flight: InFlight<T>) => Promise<T>;

export function flight<T>(run: (self: InFlight<T>) => Promise<T>, empty: T): InFlight<T> {
  const self: InFlight<T> = {
    result: Promise.resolve(empty),
    done: false,
    streamed: '',
    watched: false,
    notices: [],
  };
  self.result = run(self).finally(() => {
    self.done = true;
  });
  // A speculative request nobody awaits must not end the program when it fails.
  self.result.catch(() => undefined);
  return self;
}

export class Flights {
  private readonly byKey = new Map<string, InFlight<unknown>>();

  /** Any request, keyed: the same key is sent once. */
  once<T>(key: string, start: () => InFlight<T>): InFlight<T> {
    const known = this.byKey.get(key) as InFlight<T> | undefined;
    if (known) return known;
    const started = start();
    this.byKey.set(key, started);
    return started;
  }

  /**
   * The prose request of a step (`propose:high-level.cache`) for these entries: the one already
   * sent for the same entries, else a new one. A request is keyed by its entries alone, never by
   * what was asked before it: requests made ahead finish in any order, and a recording must replay
   * the same keys whatever the timing was.
   */
  prose(step: string, entries: readonly ProseEntry[], send: Sender<Prose>): InFlight<Prose> {
    const key = `${step}#${digest(entries)}`;
    return this.once(key, () => flight<Prose>((self) => send(key, entries, self), NO_PROSE));
  }
}
