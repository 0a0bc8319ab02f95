// Sentences that quote an availability target print it through formatPercent, so a target that
// is noisy in floating point (0.99999 * 100 = 99.99900000000001) reads exactly as it was written.
import { describe, expect, it } from 'vitest';
import { downtimeNote } from '../../src/protocols/design/slots.js';
import { findings } from '../../src/rules/decision-rules.js';

describe('availability quoted in sentences', () => {
  it.each([
    [1 - 0.00001, '99.999% allows 5m 15s of downtime a year, 25.9 s a month.'],
    [0.9995, '99.95% allows 4h 22m 48s of downtime a year, 21m 36s a month.'],
    [0.99, '99% allows 3d 15h 36m of downtime a year, 7h 12m a month.'],
  ])('the downtime note for %d', (availability, expected) => {
    expect(downtimeNote(availability)).toBe(expected);
  });

  it.each([
    [0.99999, '99.999% availability with one copy of the data'],
    [0.9995, '99.95% availability with one copy of the data'],
  ])('the single-copy rule at %d', (availability, start) => {
    const found = findings({
      ml: false,
      strong: false,
      multiRegion: false,
      decisions: {},
      custom: [],
      availability,
      replication: 1,
    });
    const message = found.find((finding) => finding.id === 'single-copy-of-data')?.message ?? '';
    expect(message.startsWith(start), message).toBe(true);
  });
});
