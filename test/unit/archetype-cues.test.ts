/**
 * The cues of each archetype, tried as the first high-level decision tries them: a minimal problem
 * statement (a title and its functional requirements) must rank the archetype first, and a near
 * miss that shares its salient words must not suggest it at all.
 */
import { describe, expect, it } from 'vitest';
import { loadArchetypes } from '../../src/knowledge/load.js';
import { matchArchetypes } from '../../src/protocols/design/archetype-match.js';

const CATALOGUE = loadArchetypes();

function matches(title: string, functional: readonly string[]) {
  return matchArchetypes(CATALOGUE, title, functional);
}
const ids = (title: string, functional: readonly string[]): string[] =>
  matches(title, functional).map((match) => match.id);

describe('media-streaming', () => {
  const scenario = {
    title: 'Video sharing platform',
    functional: [
      'A creator uploads a video of up to 2 GB and it is playable within 10 minutes.',
      'A viewer watches a video in up to 1080p with adaptive bitrate and no rebuffering.',
    ],
  };
  it('ranks first for a video upload and playback service, naming the words that matched', () => {
    const [best] = matches(scenario.title, scenario.functional);
    expect(best?.id).toBe('media-streaming');
    expect(best?.cues).toEqual(expect.arrayContaining(['video', '1080p', 'adaptive bitrate']));
  });
  it('is not suggested for an event streaming platform', () => {
    expect(
      ids('Event streaming platform', [
        'Producers publish order events and consumers replay them from any offset.',
      ]),
    ).not.toContain('media-streaming');
  });
});

describe('geo-dispatch', () => {
  it('ranks first for ride-hailing dispatch', () => {
    const [best] = matches('Ride hailing dispatch', [
      'A rider requests a ride and is matched to the nearest available driver within 5 s.',
      'Drivers send GPS location updates every 4 s.',
    ]);
    expect(best?.id).toBe('geo-dispatch');
    expect(best?.cues).toEqual(expect.arrayContaining(['ride hailing', 'dispatch', 'nearest']));
  });
  it('is not suggested for a store locator', () => {
    expect(
      ids('Store locator', [
        'A shopper enters a postcode and sees the nearest stores on a map within 300 ms.',
      ]),
    ).not.toContain('geo-dispatch');
  });
});

describe('payments-ledger', () => {
  it('ranks first for a wallet with transfers and top-ups', () => {
    const [best] = matches('Wallet and ledger', [
      'A user transfers money to another user and both balances update at once.',
      'A user tops up their wallet from a card.',
    ]);
    expect(best?.id).toBe('payments-ledger');
    expect(best?.cues).toEqual(expect.arrayContaining(['wallet', 'ledger', 'balances']));
  });
  it('is not suggested for a blockchain explorer that shows wallet balances', () => {
    expect(
      ids('Crypto wallet blockchain explorer', [
        'A visitor looks up a wallet address and sees its balance and transactions.',
      ]),
    ).not.toContain('payments-ledger');
  });
});

describe('booking-inventory', () => {
  const scenario = {
    title: 'Concert ticket booking',
    functional: [
      'A fan holds up to 4 seats for 10 minutes while paying.',
      'Two fans can never book the same seat.',
    ],
  };
  it('ranks first for seat booking with holds', () => {
    const [best] = matches(scenario.title, scenario.functional);
    expect(best?.id).toBe('booking-inventory');
    expect(best?.cues).toEqual(expect.arrayContaining(['ticket', 'booking', 'seats']));
  });
  it('is not suggested for a customer support ticket tracker', () => {
    expect(
      ids('Customer support ticket tracker', [
        'An agent assigns a support ticket to a teammate and sets its priority.',
      ]),
    ).not.toContain('booking-inventory');
  });
});

describe('rate-limiting', () => {
  it('ranks first for an API rate limiter', () => {
    const [best] = matches('API rate limiter', [
      'Each API key may make 100 requests per second with bursts of 200.',
      'A rejected request gets a 429 with Retry-After.',
    ]);
    expect(best?.id).toBe('rate-limiting');
    expect(best?.cues).toEqual(expect.arrayContaining(['rate limiter', '429']));
  });
  it('is not suggested for a load generator that sends requests per second', () => {
    expect(
      ids('HTTP load generator', [
        'Sends a configurable number of requests per second to a target URL and reports latency percentiles.',
      ]),
    ).not.toContain('rate-limiting');
  });
});

describe('event-analytics', () => {
  it('ranks first for product analytics on click events', () => {
    const [best] = matches('Product analytics', [
      'The SDK sends click and page view events, 200K events per second at the peak.',
      'A product manager sees a dashboard of daily unique users by country.',
    ]);
    expect(best?.id).toBe('event-analytics');
    expect(best?.cues).toEqual(expect.arrayContaining(['analytics', 'dashboard', 'unique users']));
  });
  it('is not suggested for tickets to a concert event, which is a booking', () => {
    const found = ids('Concert event tickets', ['A fan books up to 4 seats for an event.']);
    expect(found).not.toContain('event-analytics');
    expect(found[0]).toBe('booking-inventory');
  });
});
