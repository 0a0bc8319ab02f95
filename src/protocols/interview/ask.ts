/**
 * The candidate's own questions, answered from what the problem states. The bank's scale facts are
 * revealed only when asked: a question ("how many links a day?", "what's the read ratio?") is
 * matched by topic to the facts about that topic, and the interviewer answers with those facts and
 * nothing else. A question no fact answers gets no invented answer.
 */
import type { Problem } from '../../knowledge/problems.js';

interface Topic {
  readonly id: string;
  /** Words in a question that ask about this topic. */
  readonly asks: RegExp;
  /** Words in a fact that state it. */
  readonly states: RegExp;
}

const TOPICS: readonly Topic[] = [
  {
    id: 'volume',
    asks: /\b(?:how many|how much|how often|scale|traffic|volume|load|qps|rps|tps|throughput|users?|dau|mau|requests?|per (?:day|second|month)|a (?:day|second|month)|daily|monthly)\b/i,
    states:
      /\b(?:\d[\d,.]*\s*[kmb]?\b.*\b(?:a|per) (?:day|second|month|hour)|users?|dau|mau|qps|\/s|per second|a second|peak)\b/i,
  },
  {
    id: 'ratio',
    asks: /\b(?:read(?:s|[- ]heavy)?|writes?|ratio|read\/write|r\/w)\b/i,
    states: /\b(?:reads?|writes?|ratio|outnumber\w*)\b/i,
  },
  {
    id: 'storage',
    asks: /\b(?:how long|retention|retain\w*|keep|kept|store\w*|storage|expir\w*|ttl|size|bytes?|big|history|archive\w*)\b/i,
    states: /\b(?:kept|retain\w*|retention|years?|days? of|expir\w*|bytes?|[kmgt]b)\b/i,
  },
  {
    id: 'latency',
    asks: /\b(?:latency|fast|slow|p50|p95|p99|ms|milliseconds?|response time|how quick\w*|real[- ]?time)\b/i,
    states: /\b(?:ms|milliseconds?|latency|p50|p95|p99|seconds?|within)\b/i,
  },
  {
    id: 'availability',
    asks: /\b(?:availab\w*|uptime|downtime|nines|sla|slo|deploy\w*|outage\w*|regions?)\b/i,
    states: /\b(?:availab\w*|uptime|downtime|nines|%|deploy\w*|regions?)\b/i,
  },
  {
    id: 'consistency',
    asks: /\b(?:consisten\w*|stale\w*|fresh\w*|ordering|order|exactly[- ]once|duplicates?)\b/i,
    states: /\b(?:consisten\w*|stale\w*|fresh\w*|order\w*|exactly|duplicat\w*)\b/i,
  },
];

/** The sentences of a text that are questions. */
export function questionsIn(text: string): string[] {
  return (text.match(/[^.!?\n]*\?/g) ?? []).map((question) => question.trim()).filter((q) => q.length > 1);
}

/** The facts the problem states that answer the candidate's questions, in the bank's order. */
export function factsAsked(text: string, problem: Problem): string[] {
  const topics = questionsIn(text).flatMap((question) => TOPICS.filter((topic) => topic.asks.test(question)));
  if (topics.length === 0) return [];
  return problem.scale.facts.filter((fact) => topics.some((topic) => topic.states.test(fact)));
}

/** The interviewer's answer to the questions in a text, or undefined when no stated fact answers them. */
export function interviewerAnswer(text: string, problem: Problem): string | undefined {
  const facts = factsAsked(text, problem);
  return facts.length === 0 ? undefined : `Interviewer: ${facts.join('; ')}.`;
}

/** An answer that is only questions: the candidate is still gathering facts, not answering yet. */
export const onlyQuestions = (text: string): boolean =>
  questionsIn(text).length > 0 && text.replace(/[^.!?\n]*\?/g, '').trim().length === 0;
