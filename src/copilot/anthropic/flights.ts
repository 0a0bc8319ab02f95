/**
 * Requests on their way, by step. A step's request is keyed by a digest of what it asks (its
 * entries), so the same baseline is never asked twice; when a step's baseline changes after its
 * request was sent (the person chose otherwise than the speculation assumed), only the entries that
 * changed are asked again and the rest of the earlier answer is kept.
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
  /** For an answer merged from two requests: the one really under way, whose text streams. */
  source?: InFlight<unknown>;
}

export const digest = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 10);

/** Starts a request for a step: `send(key, entries, flight)` makes it. */
export type Sender<T> = (key: string, entries: readonly ProseEntry[], flight: InFlight<T>) => Promise<T>;

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
  private readonly latest = new Map<string, { entries: readonly ProseEntry[]; flight: InFlight<Prose> }>();

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
   * sent for the same entries, or one for the entries that changed since the last, merged with
   * what the last one gives for the rest.
   */
  prose(step: string, entries: readonly ProseEntry[], send: Sender<Prose>): InFlight<Prose> {
    const exact = this.byKey.get(`${step}#${digest(entries)}`) as InFlight<Prose> | undefined;
    if (exact) return exact;
    const last = this.latest.get(step);
    const unchanged = new Set((last?.entries ?? []).map((entry) => JSON.stringify([entry.key, entry.text])));
    const changed = entries.filter((entry) => !unchanged.has(JSON.stringify([entry.key, entry.text])));
    const asked =
      changed.length === 0
        ? undefined
        : this.once(`${step}#${digest(changed)}`, () =>
            flight<Prose>((self) => send(`${step}#${digest(changed)}`, changed, self), NO_PROSE),
          );
    const kept = last && changed.length < entries.length ? last.flight : undefined;
    const keys = new Set(entries.map((entry) => entry.key));
    const merged =
      asked && !kept
        ? asked
        : flight<Prose>(async () => {
            const [before, now] = await Promise.all([kept?.result ?? NO_PROSE, asked?.result ?? NO_PROSE]);
            return new Map([...before, ...now].filter(([key]) => keys.has(key)));
          }, NO_PROSE);
    // A person waiting on the merged answer watches the request that is really under way.
    if (asked && merged !== asked) merged.source = asked;
    this.byKey.set(`${step}#${digest(entries)}`, merged);
    this.latest.set(step, { entries, flight: merged });
    return merged;
  }
}
