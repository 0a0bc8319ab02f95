/**
 * Each archetype composes its own components into a design from a minimal scenario, through the
 * real protocol and the offline co-pilot (the archetype decision takes the recommendation), and a
 * near miss gets none of them. Components that exist in one serving mode (or with streaming features)
 * only are expected when the decision took that value.
 */
import { describe, expect, it } from 'vitest';
import { componentApplies } from '../../src/protocols/design/archetype-choice.js';
import { designDecisions, designDrafts, type DesignDecisions } from '../../src/protocols/design/model.js';
import type { Scope } from '../../src/protocol/types.js';
import { bundledKnowledge, finishedDesign } from '../support/design-state.js';

interface Scenario {
  readonly title: string;
  readonly functional: readonly string[];
  readonly scope?: Scope;
}

const CASES: readonly { readonly id: string; readonly scenario: Scenario; readonly nearMiss: Scenario }[] = [
  {
    id: 'internal-tool',
    scenario: {
      title: 'Expense approval tool',
      functional: ['An employee submits an expense and their manager approves it within a day.'],
    },
    nearMiss: {
      title: 'Real-time metrics pipeline',
      functional: ['A service emits metrics and they are stored within 10 s.'],
    },
  },
  {
    id: 'key-value-lookup',
    scenario: {
      title: 'URL shortener',
      functional: ['A user submits a long URL and gets a short link within 200 ms.'],
    },
    nearMiss: {
      title: 'URL health checker',
      functional: ['A cron job checks each registered URL and records its status code.'],
    },
  },
  {
    id: 'blob-metadata',
    scenario: {
      title: 'Pastebin',
      functional: ['A user pastes text and gets back a short URL within 200 ms.'],
    },
    nearMiss: {
      title: 'Team chat',
      functional: ['A user sends a message to a channel and members see it within 1 s.'],
    },
  },
  {
    id: 'social-feed',
    scenario: {
      title: 'News feed',
      functional: ['A user opens the app and gets the newest posts from accounts they follow within 200 ms.'],
    },
    nearMiss: {
      title: 'Market data feed handler',
      functional: ['The handler parses exchange ticks and publishes prices within 1 ms.'],
    },
  },
  {
    id: 'messaging',
    scenario: {
      title: 'Chat app',
      functional: [
        'A user sends a message to a friend and it is delivered within 500 ms with read receipts.',
      ],
    },
    nearMiss: {
      title: 'Order events message queue',
      functional: ['The order service publishes order events for the billing service.'],
    },
  },
  {
    id: 'notifications',
    scenario: {
      title: 'Notification service',
      functional: ['A service sends a push notification to a user within 5 s, at most once per event.'],
    },
    nearMiss: { title: 'Expense approval tool', functional: ['A manager approves an expense within a day.'] },
  },
  {
    id: 'search-autocomplete',
    scenario: {
      title: 'Product search with autocomplete',
      functional: ['A shopper types a query and sees suggestions within 100 ms.'],
    },
    nearMiss: {
      title: 'Ride matching',
      functional: ['A rider requests a ride and is matched to the nearest driver within 5 s.'],
    },
  },
  {
    id: 'media-streaming',
    scenario: {
      title: 'Video sharing platform',
      functional: ['A creator uploads a video and viewers watch it with adaptive bitrate.'],
    },
    nearMiss: {
      title: 'Event streaming platform',
      functional: ['Producers publish events and consumers replay them from any offset.'],
    },
  },
  {
    id: 'geo-dispatch',
    scenario: {
      title: 'Ride hailing dispatch',
      functional: ['A rider requests a ride and is matched to the nearest available driver within 5 s.'],
    },
    nearMiss: {
      title: 'Store locator',
      functional: ['A shopper enters a postcode and sees the stores on a map within 300 ms.'],
    },
  },
  {
    id: 'payments-ledger',
    scenario: {
      title: 'Wallet and ledger',
      functional: ['A user transfers money to another user and both balances update at once.'],
    },
    nearMiss: {
      title: 'Support ticket tracker',
      functional: ['An agent opens a ticket and sees its history within 200 ms.'],
    },
  },
  {
    id: 'booking-inventory',
    scenario: {
      title: 'Hotel booking',
      functional: ['A guest books a room for given dates and the room is never double-booked.'],
    },
    nearMiss: {
      title: 'Concert photo gallery',
      functional: ['A fan uploads concert photos and others browse them.'],
    },
  },
  {
    id: 'rate-limiting',
    scenario: {
      title: 'Distributed rate limiter',
      functional: ['Each API client is rate limited to 100 requests a second and gets a 429 beyond it.'],
    },
    nearMiss: {
      title: 'HTTP load generator',
      functional: ['The tool sends 10,000 requests a second to a target and reports latency.'],
    },
  },
  {
    id: 'event-analytics',
    scenario: {
      title: 'Clickstream analytics',
      functional: [
        'The product team sees daily active users and funnels on a dashboard within 5 minutes of events.',
      ],
    },
    nearMiss: { title: 'Event ticketing', functional: ['A fan buys a concert ticket within 2 s.'] },
  },
  {
    id: 'online-inference',
    scenario: {
      title: 'Real-time fraud scoring',
      functional: ['The payment service sends a payment and receives a fraud score within 100 ms.'],
      scope: 'ml',
    },
    nearMiss: {
      title: 'Card payment processing',
      functional: ['A merchant charges a card and gets the authorisation result within 300 ms.'],
    },
  },
  {
    id: 'recommendations',
    scenario: {
      title: 'Home page recommendations',
      functional: ['A signed-in user opens the home page and gets 20 personalised items within 150 ms.'],
      scope: 'ml',
    },
    nearMiss: {
      title: 'Game leaderboard',
      functional: ['A player sees the top 100 players by score within 200 ms.'],
    },
  },
  {
    id: 'batch-scoring',
    scenario: {
      title: 'Nightly churn scoring',
      functional: ['Score every subscriber each night so the CRM shows churn scores by 06:00.'],
      scope: 'ml',
    },
    nearMiss: {
      title: 'Nightly database backup',
      functional: ['Back up every table each night, ready by 06:00.'],
    },
  },
  {
    id: 'llm-rag',
    scenario: {
      title: 'Document Q&A assistant',
      functional: ['An employee asks a question and gets an answer from internal documents with citations.'],
      scope: 'ml',
    },
    nearMiss: {
      title: 'Keyword document search',
      functional: ['An employee searches documents by keyword and gets a ranked list within 300 ms.'],
    },
  },
  {
    id: 'ml-platform',
    scenario: {
      title: 'Feature store and training platform',
      functional: ['Data scientists register features once and train models on point-in-time correct data.'],
      scope: 'ml',
    },
    nearMiss: {
      title: 'Kubernetes platform for web services',
      functional: ['A team deploys a web service with one command.'],
    },
  },
];

const catalogue = bundledKnowledge().archetypes;

async function composed(
  scenario: Scenario,
): Promise<{ ids: string[]; archetypes: readonly string[]; decided: DesignDecisions }> {
  const state = await finishedDesign({
    title: scenario.title,
    scope: scenario.scope ?? 'system',
    answers: { 'requirements.functional': [...scenario.functional], 'high-level.archetype': undefined },
    acceptRecommended: true,
  });
  return {
    ids: (designDrafts(state).architecture?.components ?? []).map((component) => component.id),
    archetypes: state.decisions['high-level.archetype']?.items ?? [],
    decided: designDecisions(state),
  };
}

describe('each archetype composes its components', () => {
  it('every archetype of the catalogue has a case', () => {
    expect(CASES.map((c) => c.id).sort()).toEqual(catalogue.map((a) => a.id).sort());
  });

  for (const { id, scenario, nearMiss } of CASES) {
    const archetype = catalogue.find((a) => a.id === id);
    it(`${id}: a minimal scenario gets its components`, async () => {
      const design = await composed(scenario);
      expect(design.archetypes).toContain(id);
      const expected = (archetype?.components ?? [])
        .filter((component) => componentApplies(component, design.decided))
        .map((component) => component.id);
      expect(expected.length).toBeGreaterThan(0);
      for (const component of expected) expect(design.ids).toContain(component);
    });
    it(`${id}: a near miss gets none of them`, async () => {
      const design = await composed(nearMiss);
      expect(design.archetypes).not.toContain(id);
      const own = (archetype?.components ?? []).map((component) => component.id);
      const others = new Set(
        catalogue
          .filter((a) => design.archetypes.includes(a.id))
          .flatMap((a) => a.components.map((c) => c.id)),
      );
      for (const component of own.filter((c) => !others.has(c))) expect(design.ids).not.toContain(component);
    });
  }
});

describe('a capability the best match lacks', () => {
  it('brings the archetype it composes with that provides it: search in a booking system', async () => {
    const design = await composed({
      title: 'Hotel room booking',
      functional: [
        'A guest searches available rooms in a city for given dates and sees results within 300 ms.',
        'A guest books a room and it is never double-booked.',
      ],
    });
    expect(design.archetypes).toEqual(['booking-inventory', 'search-autocomplete']);
    expect(design.ids).toContain('search-index');
  });

  it('adds nothing when no requirement names the capability', async () => {
    const design = await composed({
      title: 'Hotel room booking',
      functional: ['A guest books a room and it is never double-booked.'],
    });
    expect(design.archetypes).toEqual(['booking-inventory']);
  });
});
