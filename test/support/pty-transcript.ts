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
    const flags = pattern.flags.replace('g', '');
    const search = new RegExp(pattern.source, flags);
    return new Promise<RegExpExecArray>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        check: () => {
          const text = this.text;
          const match = search.exec(text.slice(this.#cursor));
          if (!match) return false;
          this.#cursor += match.index + match[0].length;
          this.#waiters.delete(waiter);
          clearTimeout(timer);
          resolve(match);
          return true;
        },
        fail: (reason) => {
          this.#waiters.delete(waiter);
          clearTimeout(timer);
          reject(
            new Error(
              `waiting for ${String(pattern)}: ${reason}\n--- last ${TAIL} characters of the screen ---\n${this.tail()}`,
            ),
          );
        },
      };
      if (waiter.check()) return;
      if (this.#ended !== undefined) {
        waiter.fail(this.#ended);
        return;
      }
      this.#waiters.add(waiter);
      timer = setTimeout(() => {
        waiter.fail(`not seen within ${timeoutMs} ms`);
      }, timeoutMs);
    });
  }
}
