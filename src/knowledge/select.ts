/** Choosing guides: kept apart from the parser (guide.ts), which builds a zod schema on import. */
import type { Guide } from './guide.js';

/**
 * Guides that serve a component type, best match first. A guide lists its component types primary
 * first, so the type's position in that list ranks it (messaging-and-events leads for a queue,
 * distributed-systems only mentions one); then the narrower guide, then the id. A keyword, when
 * given, ranks the guides that list it first: a decision about canaries for a service wants the
 * reliability guide, not the one on service boundaries.
 */
export function guidesFor(
  guides: readonly Guide[],
  componentType: string,
  phase?: string,
  keyword?: string,
): Guide[] {
  const rank = (guide: Guide): number => guide.components.indexOf(componentType);
  const lacks = (guide: Guide): number =>
    keyword === undefined || guide.keywords.some((k) => k.toLowerCase() === keyword.toLowerCase()) ? 0 : 1;
  return guides
    .filter((guide) => rank(guide) >= 0 && (phase === undefined || guide.phases.includes(phase)))
    .sort(
      (a, b) =>
        lacks(a) - lacks(b) ||
        rank(a) - rank(b) ||
        a.components.length - b.components.length ||
        a.id.localeCompare(b.id),
    );
}
