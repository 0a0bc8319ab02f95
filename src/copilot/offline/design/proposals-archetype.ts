/**
 * The first high-level decision: which kind of system this is. The cues of every archetype are
 * matched against the title and the functional requirements; the best match is option A (with the
 * archetype it composes with when that one matched too, or an ML archetype beside a product one),
 * the runner-up or a plain request/response service option B. The position quotes the words that
 * matched, so the choice can be checked.
 */
import type { Archetype } from '../../../knowledge/archetypes.js';
import { PICK, type Proposal, type ProposalOption, type SessionState } from '../../../protocol/types.js';
import { matchArchetypes, type ArchetypeMatch } from '../../../protocols/design/archetype-match.js';
import { designAnswers } from '../../../protocols/design/model.js';
import { option } from '../proposal-text.js';
import { CAPABILITIES } from '../../../rules/self-check.js';

const PLAIN_LABEL = 'A plain request/response service (an API over one datastore)';

/**
 * The archetype the best match composes with: one it names in `compose_with` (or that names it), or
 * for a hybrid design an archetype of the other kind (an ML model inside a product).
 */
function composed(
  best: ArchetypeMatch,
  matches: readonly ArchetypeMatch[],
  catalogue: readonly Archetype[],
  hybrid: boolean,
): ArchetypeMatch[] {
  const byId = (id: string): Archetype | undefined => catalogue.find((archetype) => archetype.id === id);
  const first = byId(best.id);
  const partner = matches.find((match) => {
    if (match.id === best.id) return false;
    const other = byId(match.id);
    if (!first || !other) return false;
    return (
      first.compose_with.includes(other.id) ||
      other.compose_with.includes(first.id) ||
      (hybrid && first.kind !== other.kind)
    );
  });
  return partner ? [best, partner] : [best];
}

const title = (catalogue: readonly Archetype[], id: string): string =>
  catalogue.find((archetype) => archetype.id === id)?.title ?? id;

function pickOption(
  key: 'A' | 'B',
  picked: readonly ArchetypeMatch[],
  catalogue: readonly Archetype[],
  cons: readonly string[],
): ProposalOption {
  const archetypes = picked.flatMap((match) => catalogue.filter((archetype) => archetype.id === match.id));
  const components = archetypes.flatMap((archetype) =>
    archetype.components.map((component) => component.name),
  );
  return option(
    key,
    { value: PICK, items: picked.map((match) => match.id) },
    archetypes.map((archetype) => archetype.title).join(' + '),
    `Adds ${components.join(', ')} to the API, datastore and the caches or queues its decisions choose.`,
    [
      `matched ${picked.map((match) => `"${match.cues.join('", "')}"`).join(' and ')}`,
      ...archetypes.flatMap((archetype) =>
        archetype.hard_problems.slice(0, 1).map((p) => `deep-dives ready for ${p.title.toLowerCase()}`),
      ),
    ],
    cons,
  );
}

const plainOption = (key: 'A' | 'B', cons: readonly string[]): ProposalOption =>
  option(
    key,
    'plain',
    PLAIN_LABEL,
    'Clients, a load balancer, one application and one datastore, plus a cache, queue or object storage only where the numbers ask for them.',
    ['the fewest moving parts: nothing to run that the requirements did not ask for'],
    cons,
  );

export function proposeArchetype(state: SessionState, catalogue: readonly Archetype[]): Proposal {
  const answers = designAnswers(state);
  const functional = answers.functional ?? [];
  const matches = matchArchetypes(catalogue, state.title, functional);
  const ml = state.scope !== 'system';
  const explain =
    'The archetype decides what the design holds beyond an API and a datastore: a messenger needs a connection tier and a delivery path, a ledger double-entry postings in one transaction, document Q&A retrieval and GPUs. It is read from the title and the functional requirements.';
  const best = matches[0];
  if (!best) {
    return {
      explain: `${explain} No archetype's cues matched "${state.title}" or its requirements.`,
      options: [
        plainOption('A', [
          'if the system is one of the catalogue after all, its specific components are missing: name it (B)',
        ]),
        option(
          'B',
          'plain',
          'Name the archetype yourself',
          `Answer with an archetype's name: ${catalogue.map((archetype) => archetype.title).join('; ')}.`,
          ['its components, deep-dives and red flags come with it'],
          ['only worth it when one really fits'],
        ),
      ],
      position: `Option A: nothing in the title or the requirements points to a known kind of system, so the design starts from the plain service and adds only what the numbers ask for.${ml ? ' The ML components follow from the serving decision.' : ''}`,
      detail: `The catalogue: ${catalogue.map((archetype) => `${archetype.title} (${archetype.id})`).join('; ')}. Answer with one or two names, comma-separated.`,
    };
  }
  const picked = withCapabilities(
    composed(best, matches, catalogue, state.scope === 'hybrid'),
    functional,
    catalogue,
  );
  const runnerUp = matches.find((match) => !picked.some((p) => p.id === match.id));
  const a = pickOption('A', picked, catalogue, [
    'a system that is not really this kind gets components it does not need',
  ]);
  const b = runnerUp
    ? pickOption('B', [runnerUp], catalogue, [
        `matched fewer cues (score ${runnerUp.score} against ${best.score})`,
      ])
    : plainOption('B', [
        'leaves out what the requirements name: ' + picked.map((p) => title(catalogue, p.id)).join(' + '),
      ]);
  return {
    explain,
    options: [a, b],
    position: `Option A: ${picked
      .map((match) => `"${match.cues.join('", "')}" read as ${title(catalogue, match.id)}`)
      .join('; ')}${picked.length > 1 ? ', and the two compose' : ''}.`,
    detail: [
      ...picked
        .flatMap((match) => catalogue.filter((archetype) => archetype.id === match.id))
        .map((archetype) => `${archetype.title}: ${archetype.hard_problems.map((p) => p.title).join('; ')}.`),
      `Other matches: ${
        matches
          .filter((match) => !picked.includes(match))
          .map((match) => `${title(catalogue, match.id)} (score ${match.score})`)
          .join(', ') || 'none'
      }. Answer with archetype names, comma-separated, to compose your own.`,
    ].join(' '),
  };
}

/**
 * A requirement that names a capability the picked archetypes lack (search in a booking system)
 * brings the archetype that provides it, when the best match names it in `compose_with`: the design
 * then serves the requirement instead of the self-check flagging it.
 */
function withCapabilities(
  picked: readonly ArchetypeMatch[],
  functional: readonly string[],
  catalogue: readonly Archetype[],
): ArchetypeMatch[] {
  const byId = (id: string): Archetype | undefined => catalogue.find((archetype) => archetype.id === id);
  const first = byId(picked[0]?.id ?? '');
  if (!first || picked.length > 1) return [...picked];
  const types = new Set(
    picked.flatMap((match) => byId(match.id)?.components.map((component) => component.type) ?? []),
  );
  for (const capability of CAPABILITIES) {
    const requirement = functional.find((text) => capability.words.test(text));
    if (requirement === undefined || capability.types.some((type) => types.has(type))) continue;
    const provider = first.compose_with
      .map(byId)
      .find((other) => other?.components.some((component) => capability.types.includes(component.type)));
    if (provider) {
      const word = capability.words.exec(requirement)?.[0] ?? capability.what;
      return [...picked, { id: provider.id, score: 0, cues: [word.toLowerCase()] }];
    }
  }
  return [...picked];
}
