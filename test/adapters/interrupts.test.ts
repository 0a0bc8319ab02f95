// Signals during a session: the handlers come off when a session ends normally, and stay on once
// it was interrupted, so a second Ctrl-C during the shutdown still exits with 130 rather than
// falling through to Node's default (death by signal).
import { afterEach, describe, expect, it } from 'vitest';
import { watchInterrupts } from '../../src/cli/interrupts.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));

afterEach(() => {
  // Take off whatever a case left, keeping the test runner's own handlers.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal))
      if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
  }
});

describe('watchInterrupts', () => {
  it('removes its handlers when a session that was not interrupted is disposed', () => {
    const counts = SIGNALS.map((signal) => process.listenerCount(signal));
    const interrupts = watchInterrupts();
    expect(SIGNALS.map((signal) => process.listenerCount(signal))).toEqual(counts.map((n) => n + 1));
    interrupts.dispose();
    expect(SIGNALS.map((signal) => process.listenerCount(signal))).toEqual(counts);
  });

  it('aborts on the first SIGINT and keeps its handlers after dispose, for the second', () => {
    const counts = SIGNALS.map((signal) => process.listenerCount(signal));
    const interrupts = watchInterrupts();
    process.emit('SIGINT');
    expect(interrupts.signal.aborted).toBe(true);
    expect(interrupts.signal.reason).toBe('SIGINT');
    interrupts.dispose();
    expect(SIGNALS.map((signal) => process.listenerCount(signal))).toEqual(counts.map((n) => n + 1));
  });

  it('aborts on SIGTERM with its reason, and keeps its handlers after dispose', () => {
    const counts = SIGNALS.map((signal) => process.listenerCount(signal));
    const interrupts = watchInterrupts();
    process.emit('SIGTERM');
    expect(interrupts.signal.reason).toBe('SIGTERM');
    interrupts.dispose();
    expect(SIGNALS.map((signal) => process.listenerCount(signal))).toEqual(counts.map((n) => n + 1));
  });
});
