import { describe, expect, it } from 'vitest';
import { loadArchetypes } from '../../src/knowledge/load.js';
import { matchArchetypes } from '../../src/protocols/design/archetype-match.js';

/**
 * Each archetype's cues, against the real catalogue: a minimal problem statement must rank it
 * first, and a near miss (the same words in another system) must not suggest it at all.
 */
const catalogue = loadArchetypes();

interface Scenario {
  readonly title: string;
  readonly functional: readonly string[];
}

function ranked(scenario: Scenario): string[] {
  return matchArchetypes(catalogue, scenario.title, scenario.functional).map((match) => match.id);
}

function expectFirst(id: string, scenario: Scenario): void {
  expect(ranked(scenario)[0]).toBe(id);
}

function expectAbsent(id: string, scenario: Scenario): void {
  expect(ranked(scenario)).not.toContain(id);
}

describe('online-inference cues', () => {
  it('ranks first for real-time fraud scoring', () => {
    expectFirst('online-inference', {
      title: 'Real-time fraud scoring',
      functional: ['The payment service sends a payment and receives a fraud score within 100 ms.'],
    });
  });
  it('does not match a payment service that scores nothing', () => {
    expectAbsent('online-inference', {
      title: 'Card payment processing',
      functional: ['A merchant charges a card and gets the authorisation result within 300 ms.'],
    });
  });
  it('does not match nightly churn scoring', () => {
    expectAbsent('online-inference', {
      title: 'Nightly churn scoring',
      functional: ['Score every subscriber each night so the CRM shows a churn score by 06:00.'],
    });
  });
});

describe('recommendations cues', () => {
  it('ranks first for home page recommendations', () => {
    expectFirst('recommendations', {
      title: 'Home page recommendations',
      functional: ['A signed-in user opens the home page and gets 20 personalised items within 150 ms.'],
    });
  });
  it('does not match a game leaderboard that ranks players', () => {
    expectAbsent('recommendations', {
      title: 'Game leaderboard ranking',
      functional: ['A player opens the leaderboard and sees the top 100 players by score within 200 ms.'],
    });
  });
});

describe('batch-scoring cues', () => {
  it('ranks first for nightly churn scoring', () => {
    expectFirst('batch-scoring', {
      title: 'Nightly churn scoring',
      functional: ['Score all 20M subscribers every night; churn scores are ready by 06:00.'],
    });
  });
  it('does not match a nightly database backup', () => {
    expectAbsent('batch-scoring', {
      title: 'Nightly database backup',
      functional: ['Back up every table each night, ready by 06:00.'],
    });
  });
});

describe('llm-rag cues', () => {
  it('ranks first for document Q&A on a self-hosted model', () => {
    expectFirst('llm-rag', {
      title: 'Document Q&A',
      functional: [
        'An employee asks a question about internal documents and gets an answer with citations, first token within 2 s.',
      ],
    });
  });
  it('does not match keyword document search', () => {
    expectAbsent('llm-rag', {
      title: 'Document search',
      functional: ['An employee types keywords and gets the matching documents within 300 ms.'],
    });
  });
});

describe('ml-platform cues', () => {
  it('ranks first for a feature and training platform', () => {
    expectFirst('ml-platform', {
      title: 'ML feature and training platform',
      functional: ['Data scientists register features once and get point-in-time correct training sets.'],
    });
  });
  it('does not match a platform for web services', () => {
    expectAbsent('ml-platform', {
      title: 'Kubernetes platform for web services',
      functional: ['A team deploys a service and gets a URL within 10 minutes.'],
    });
  });
});
