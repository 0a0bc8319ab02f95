/**
 * The cues of each bundled archetype: a minimal problem statement of that kind ranks it first, and a
 * near miss (a statement that shares words with it but is another system) does not suggest it at all.
 */
import { describe, expect, it } from 'vitest';
import { loadArchetypes } from '../../src/knowledge/load.js';
import { matchArchetypes } from '../../src/protocols/design/archetype-match.js';

const CATALOGUE = loadArchetypes();

interface Scenario {
  readonly title: string;
  readonly functional: readonly string[];
}

function ranking(scenario: Scenario): string[] {
  return matchArchetypes(CATALOGUE, scenario.title, scenario.functional).map((match) => match.id);
}

/** One archetype's cases: each scenario ranks it first, each near miss does not suggest it. */
function cues(id: string, scenarios: readonly Scenario[], nearMisses: readonly Scenario[]): void {
  describe(id, () => {
    it.each(scenarios)('ranks first for "$title"', (scenario) => {
      expect(ranking(scenario)[0]).toBe(id);
    });
    it.each(nearMisses)('is not suggested for the near miss "$title"', (scenario) => {
      expect(ranking(scenario)).not.toContain(id);
    });
  });
}

cues(
  'internal-tool',
  [
    {
      title: 'Expense approval tool',
      functional: [
        'An employee submits an expense with a receipt photo.',
        'Their manager approves or rejects it.',
        'Finance exports a monthly CSV report.',
      ],
    },
    {
      title: 'Dashboard for the ops team',
      functional: [
        'Support staff sign in with SSO and edit customer flags; every change has an audit trail.',
      ],
    },
  ],
  [
    {
      title: 'Real-time metrics dashboard',
      functional: [
        'Ingest 2M events per second from web clients.',
        'Show live analytics per page within 5 s.',
      ],
    },
  ],
);

cues(
  'key-value-lookup',
  [
    {
      title: 'URL shortener',
      functional: [
        'A user submits a long URL and gets a short link.',
        'A visitor opening the short link is redirected to the long URL within 50 ms.',
      ],
    },
  ],
  [
    {
      title: 'URL health checker',
      functional: [
        'Every 5 minutes, fetch each registered URL and record its status code.',
        'Alert the owner when a URL fails three times in a row.',
      ],
    },
  ],
);

cues(
  'blob-metadata',
  [
    {
      title: 'Pastebin',
      functional: ['A user pastes text up to 1 MB and gets a link.', 'Pastes expire after a chosen time.'],
    },
    {
      title: 'File sharing service',
      functional: ['A user uploads a file and shares a link to it with colleagues.'],
    },
  ],
  [
    {
      title: 'Video streaming platform',
      functional: [
        'Creators upload videos that are transcoded into adaptive bitrate renditions.',
        'Viewers watch live streams with under 5 s of delay.',
      ],
    },
  ],
);

cues(
  'social-feed',
  [
    {
      title: 'News feed',
      functional: [
        'A user sees the newest posts from accounts they follow.',
        'A user publishes a post and followers see it within 5 s.',
      ],
    },
  ],
  [
    {
      title: 'Market data feed handler',
      functional: [
        'Ingest price updates for 10,000 stock symbols.',
        'Publish the latest price to subscribers within 1 ms.',
      ],
    },
  ],
);

cues(
  'notifications',
  [
    {
      title: 'Notification service',
      functional: [
        'Order and shipping events trigger a push notification or an email to the customer.',
        'Users set quiet hours and unsubscribe per category.',
        'Sign-in codes arrive by SMS within 10 s.',
      ],
    },
  ],
  [
    {
      title: 'Team chat',
      functional: [
        'Users send messages to channels and see them within a second.',
        'Offline users get a push notification.',
      ],
    },
  ],
);

cues(
  'search-autocomplete',
  [
    {
      title: 'Product search with autocomplete',
      functional: [
        'A shopper searches for products by keyword and gets ranked results within 200 ms.',
        'Suggestions appear as the user types.',
      ],
    },
  ],
  [
    {
      title: 'Ride matching',
      functional: ["A rider's request searches for the nearest drivers within 3 km of the pickup point."],
    },
  ],
);

describe('composition', () => {
  it('offers notifications beside messaging, since a messenger pushes to offline devices', () => {
    expect(CATALOGUE.find((archetype) => archetype.id === 'messaging')?.compose_with).toContain(
      'notifications',
    );
  });
});
