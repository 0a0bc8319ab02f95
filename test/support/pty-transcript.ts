// An expect-style record of what a terminal program printed: output is appended as it arrives,
// and `waitFor` resolves on the first match after the previous one, so a prompt that appears
// again (after a push-back, say) is matched afresh rather than by its earlier occurrence.
import { stripVTControlCharacters } from 'node:util';

const TAIL = 2_000;

interface Waiter {
  readonly check: () => boolean;
  readonly fail: (reason: string) => void;
}

export class Transcript {
  #raw = '';
  #cursor = 0;
  #ended: string | undefined;
  readonly #waiters = new Set<Waiter>();

  /** Everything printed so far, without ANSI escape sequences. */
  get text(): string {
    return stripVTControlCharacters(this.#raw);
  }

  /** The last 2,000 characters of the screen, for failure messages. */
  tail(): string {
    return this.text.slice(-TAIL);
  }

  append(chunk: string): void {
    this.#raw += chunk;
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  /** No more output will come: pending waits fail at once instead of at their timeout. */
  end(reason: string): void {
    this.#ended = reason;
    for (const waiter of [...this.#waiters]) {
      if (!waiter.check()) waiter.fail(reason);
    }
  }

  /** Resolves with the first match of `pattern` after the previous match; fails with the screen. */
  waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
    const search = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    const find = (): RegExpExecArray | null => {
      const match = search.exec(this.text.slice(this.#cursor));
      if (match) this.#cursor += match.index + match[0].length;
      return match;
    };
    const failure = (reason: string): Error =>
      new Error(
        `waiting for ${String(pattern)}: ${reason}\n--- last ${TAIL} characters of the screen ---\n${this.tail()}`,
      );
    return new Promise<RegExpExecArray>((resolve, reject) => {
      const seen = find();
      if (seen) {
        resolve(seen);
        return;
      }
      if (this.#ended !== undefined) {
        reject(failure(this.#ended));
        return;
      }
      const waiter: Waiter = {
        check: () => {
          const match = find();
          if (!match) return false;
          settle();
          resolve(match);
          return true;
        },
        fail: (reason) => {
          settle();
          reject(failure(reason));
        },
      };
      const timer = setTimeout(() => {
        waiter.fail(`not seen within ${timeoutMs} ms`);
      }, timeoutMs);
      const settle = (): void => {
        this.#waiters.delete(waiter);
        clearTimeout(timer);
      };
      this.#waiters.add(waiter);
    });
  }
}
