/**
 * The cues of each archetype, tried as the first high-level decision tries them: a minimal problem
 * statement (a title and its functional requirements) must rank the archetype first, naming the
 * words that matched, and a near miss that shares its salient words must not suggest it at all.
 */
import { describe, expect, it } from 'vitest';
import { loadArchetypes } from '../../src/knowledge/load.js';
import { matchArchetypes } from '../../src/protocols/design/archetype-match.js';

const CATALOGUE = loadArchetypes();

interface Statement {
  readonly title: string;
  readonly functional: readonly string[];
}
interface CueCase {
  readonly id: string;
  readonly scenario: Statement;
  /** Words the match must report, so the proposal can show its reasoning. */
  readonly cues: readonly string[];
  readonly nearMiss: Statement;
}

const CASES: readonly CueCase[] = [
  {
    id: 'media-streaming',
    scenario: {
      title: 'Video sharing platform',
      functional: [
        'A creator uploads a video of up to 2 GB and it is playable within 10 minutes.',
        'A viewer watches a video in up to 1080p with adaptive bitrate and no rebuffering.',
      ],
    },
    cues: ['video', '1080p', 'adaptive bitrate'],
    nearMiss: {
      title: 'Event streaming platform',
      functional: ['Producers publish order events and consumers replay them from any offset.'],
    },
  },
  {
    id: 'geo-dispatch',
    scenario: {
      title: 'Ride hailing dispatch',
      functional: [
        'A rider requests a ride and is matched to the nearest available driver within 5 s.',
        'Drivers send GPS location updates every 4 s.',
      ],
    },
    cues: ['ride hailing', 'dispatch', 'nearest'],
    nearMiss: {
      title: 'Store locator',
      functional: ['A shopper enters a postcode and sees the nearest stores on a map within 300 ms.'],
    },
  },
  {
    id: 'payments-ledger',
    scenario: {
      title: 'Wallet and ledger',
      functional: [
        'A user transfers money to another user and both balances update at once.',
        'A user tops up their wallet from a card.',
      ],
    },
    cues: ['wallet', 'ledger', 'balances'],
    nearMiss: {
      title: 'Crypto wallet blockchain explorer',
      functional: ['A visitor looks up a wallet address and sees its balance and transactions.'],
    },
  },
  {
    id: 'booking-inventory',
    scenario: {
      title: 'Concert ticket booking',
      functional: [
        'A fan holds up to 4 seats for 10 minutes while paying.',
        'Two fans can never book the same seat.',
      ],
    },
    cues: ['ticket', 'booking', 'seats'],
    nearMiss: {
      title: 'Customer support ticket tracker',
      functional: ['An agent assigns a support ticket to a teammate and sets its priority.'],
    },
  },
  {
    id: 'rate-limiting',
    scenario: {
      title: 'API rate limiter',
      functional: [
        'Each API key may make 100 requests per second with bursts of 200.',
        'A rejected request gets a 429 with Retry-After.',
      ],
    },
    cues: ['rate limiter', '429'],
    nearMiss: {
      title: 'HTTP load generator',
      functional: [
        'Sends a configurable number of requests per second to a target URL and reports latency percentiles.',
      ],
    },
  },
  {
    id: 'event-analytics',
    scenario: {
      title: 'Product analytics',
      functional: [
        'The SDK sends click and page view events, 200K events per second at the peak.',
        'A product manager sees a dashboard of daily unique users by country.',
      ],
    },
    cues: ['analytics', 'dashboard', 'unique users'],
    nearMiss: { title: 'Concert event tickets', functional: ['A fan books up to 4 seats for an event.'] },
  },
];

describe.each(CASES)('$id', ({ id, scenario, cues, nearMiss }) => {
  it(`ranks first for "${scenario.title}", naming the words that matched`, () => {
    const [best] = matchArchetypes(CATALOGUE, scenario.title, scenario.functional);
    expect(best?.id).toBe(id);
    expect(best?.cues).toEqual(expect.arrayContaining([...cues]));
  });

  it(`is not suggested for the near miss "${nearMiss.title}"`, () => {
    const found = matchArchetypes(CATALOGUE, nearMiss.title, nearMiss.functional).map((match) => match.id);
    expect(found).not.toContain(id);
  });
});

it('sends tickets to a concert event to booking, not to event analytics', () => {
  const [best] = matchArchetypes(CATALOGUE, 'Concert event tickets', [
    'A fan books up to 4 seats for an event.',
  ]);
  expect(best?.id).toBe('booking-inventory');
});
