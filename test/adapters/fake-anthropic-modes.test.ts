// The fake's two answer modes as units: schemaOnlyInput is valid by the tool's JSON Schema (checked
// with zod's own JSON Schema reader, a real validator) and broken by meaning; plausibleInput rewords
// the baseline's prose and keeps every id, value and number.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import * as draftSchemas from '../../src/protocols/design/draft-schemas.js';
import { coachingSchema } from '../../src/protocols/interview/review.js';
import {
  autoInput,
  echoBaseline,
  plausible,
  PLAUSIBLE_OPENERS,
  plausibleInput,
  schemaOnly,
  schemaOnlyInput,
} from '../support/fake-anthropic.js';

type Schema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType): Schema => {
  const out = { ...(z.toJSONSchema(schema) as Schema) };
  delete out.$schema;
  return out;
};
const isValid = (schema: Schema, value: unknown): boolean =>
  z.fromJSONSchema(schema).safeParse(value).success;
const numerals = (text: string): string[] => text.match(/\d+(?:\.\d+)?/g) ?? [];

// Shapes like the co-pilot's tools (ask_question, review_answer, propose_options), from zod as the
// adapter builds them: nested objects, a tuple, enums, a nullable string, min/max lengths and items.
const option = z.strictObject({
  key: z.enum(['A', 'B']),
  label: z.string().min(3).max(200),
  pros: z.array(z.string().min(2).max(300)).min(1).max(6),
});
const TOOL_SCHEMAS: Record<string, Schema> = {
  proposal: jsonSchema(
    z.strictObject({ explain: z.string().min(10).max(1_200), options: z.tuple([option, option]) }),
  ),
  review: jsonSchema(z.strictObject({ vague: z.boolean(), push_back: z.string().max(900).nullable() })),
  phrase: jsonSchema(z.strictObject({ question: z.string().min(5).max(600) })),
  coaching: jsonSchema(coachingSchema),
  ...Object.fromEntries(
    Object.entries(draftSchemas as Record<string, unknown>).flatMap(([name, schema]) =>
      schema instanceof z.ZodType ? [[name, jsonSchema(schema)]] : [],
    ),
  ),
};

// Hand-written JSON Schema features zod does not emit: $ref, type arrays, exclusive and tight bounds,
// closed tuples, const, format, pattern, allOf, short maxLength, unique items.
const HAND_WRITTEN: Schema = {
  $defs: { Leaf: { type: 'integer', exclusiveMinimum: 3, maximum: 5 } },
  type: 'object',
  properties: {
    leaf: { $ref: '#/$defs/Leaf' },
    ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    pinned: { type: 'integer', minimum: 7, maximum: 7 },
    maybe: { type: ['string', 'null'], minLength: 60 },
    pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
    tiny: { type: 'string', maxLength: 4 },
    kind: { const: 'fixed' },
    when: { type: 'string', format: 'date-time' },
    slug: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    merged: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }] },
    guideIds: { type: 'array', items: { type: 'string' }, maxItems: 3, uniqueItems: true },
    one: { type: 'array', items: { type: 'number' }, maxItems: 1 },
  },
  required: ['leaf', 'pair'],
  additionalProperties: false,
};

describe('schemaOnlyInput', () => {
  it('the validator is real: it rejects what breaks a schema', () => {
    const review = TOOL_SCHEMAS.review ?? {};
    expect(isValid(review, { vague: true, push_back: null })).toBe(true);
    expect(isValid(review, { vague: true, push_back: null, extra: 1 })).toBe(false);
    expect(isValid(review, { vague: 'yes', push_back: null })).toBe(false);
    expect(isValid(TOOL_SCHEMAS.phrase ?? {}, { question: 'abc' })).toBe(false);
  });

  it.each(Object.keys(TOOL_SCHEMAS))('is valid by the %s schema for every seed', (name) => {
    const schema = TOOL_SCHEMAS[name] ?? {};
    for (const seed of [0, 1, 7, 4_294_967_295]) {
      expect(isValid(schema, schemaOnlyInput(schema, seed)), `seed ${seed}`).toBe(true);
    }
  });

  it('is valid by a hand-written schema with $ref, tuples, tight bounds, const, format and pattern', () => {
    for (const seed of [0, 3, 99]) {
      const input = schemaOnlyInput(HAND_WRITTEN, seed);
      expect(isValid(HAND_WRITTEN, input), JSON.stringify(input)).toBe(true);
      expect(input).toMatchObject({
        pinned: 7,
        kind: 'fixed',
        when: '1970-01-01T00:00:00Z',
        pair: [expect.any(String), expect.any(Number)],
        one: [expect.any(Number)],
      });
      const { maybe, tiny, leaf, guideIds } = input as Record<string, unknown>;
      expect(typeof maybe === 'string' && maybe.length >= 60).toBe(true);
      expect(typeof tiny === 'string' && tiny.length <= 4).toBe(true);
      expect(leaf).not.toBe((autoInput(HAND_WRITTEN) as { leaf: number }).leaf);
      expect(new Set(guideIds as string[]).size).toBe((guideIds as string[]).length);
    }
  });

  it('is deterministic in its seed, and different seeds invent different figures', () => {
    const schema = TOOL_SCHEMAS.architectureSchema ?? {};
    expect(schemaOnlyInput(schema, 5)).toEqual(schemaOnlyInput(schema, 5));
    expect(JSON.stringify(schemaOnlyInput(schema, 5))).not.toBe(JSON.stringify(schemaOnlyInput(schema, 6)));
  });

  it('ignores every instruction: invented numerals and ids, duplicate ids, last enum values, all vague', () => {
    const architecture = schemaOnlyInput(TOOL_SCHEMAS.architectureSchema ?? {}, 11) as {
      components: { id: string; type: string; purpose: string }[];
      flows: { from: string; to: string; label: string }[];
      summary: string;
    };
    expect(architecture.components).toHaveLength(2);
    const [first, second] = architecture.components;
    expect(first?.id).toMatch(/^ghost-\d+$/);
    expect(second?.id).toBe(first?.id); // duplicates: valid by schema, broken by meaning
    expect(first?.type).toBe('monitoring'); // the last enum value, not autoInput's first
    expect(numerals(first?.purpose ?? '').length).toBeGreaterThan(0);
    expect(first?.purpose).toContain('stand-in');
    expect(architecture.flows.every((flow) => /^ghost-/.test(flow.from) && /^ghost-/.test(flow.to))).toBe(
      true,
    );
    expect(numerals(architecture.summary).length).toBeGreaterThan(0);

    const dives = schemaOnlyInput(TOOL_SCHEMAS.deepDivesSchema ?? {}, 11) as {
      componentId: string;
      scaling: { factor: number }[];
      guide: { id: string };
    }[];
    expect(dives).toHaveLength(2);
    expect(dives[1]?.componentId).toBe(dives[0]?.componentId);
    expect(dives[0]?.guide.id).toMatch(/^ghost-/); // optional properties are sent too
    expect(dives[0]?.scaling.map((step) => step.factor)).not.toContain(1);

    expect(schemaOnlyInput(TOOL_SCHEMAS.review ?? {}, 11)).toEqual({
      vague: true,
      push_back: expect.stringMatching(/^Push back: .*\d/) as unknown,
    });
    const proposal = schemaOnlyInput(TOOL_SCHEMAS.proposal ?? {}, 11) as { options: { key: string }[] };
    expect(proposal.options.map((o) => o.key)).toEqual(['B', 'B']);
  });

  it('schemaOnly answers the forced tool, the same way for the same request', () => {
    const body = {
      model: 'm',
      tools: [
        { name: 'ask_question', input_schema: TOOL_SCHEMAS.phrase },
        { name: 'review_answer', input_schema: TOOL_SCHEMAS.review },
      ],
      tool_choice: { type: 'tool', name: 'review_answer' },
      messages: [{ role: 'user', content: 'Review.' }],
    };
    const reply = schemaOnly(body);
    expect(reply).toMatchObject({ kind: 'tool', name: 'review_answer', input: { vague: true } });
    expect(schemaOnly(structuredClone(body))).toEqual(reply);
    expect(schemaOnly({ model: 'm', messages: [] })).toMatchObject({ kind: 'text' });
  });
});

const ARCHITECTURE_BASELINE = {
  components: [
    {
      id: 'paste-service',
      name: 'Paste service',
      type: 'service',
      purpose: 'Writes pastes and serves 1,200 reads per second from the cache.',
      api: 'POST /pastes, GET /pastes/{id}',
      data: 'Paste metadata in the primary store.',
      failureMode: 'Stateless: a failed instance is replaced behind the gateway.',
    },
    {
      id: 'paste-store',
      name: 'Paste store',
      type: 'datastore',
      purpose: 'Keeps 18 TB of paste bodies for 5 years.',
      api: 'SQL',
      data: 'Rows keyed by paste id.',
      failureMode: 'A replica takes over within 30 s.',
    },
  ],
  flows: [{ from: 'paste-service', to: 'paste-store', label: 'writes a paste row' }],
  summary: 'A stateless service in front of one store.',
};

describe('plausibleInput', () => {
  const schema = TOOL_SCHEMAS.architectureSchema ?? {};
  const rewritten = plausibleInput(ARCHITECTURE_BASELINE, schema) as typeof ARCHITECTURE_BASELINE;
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];

  it('keeps ids, enum values, references, names, labels, short strings and the structure exactly', () => {
    expect(rewritten.components.map((c) => [c.id, c.name, c.type])).toEqual(
      ARCHITECTURE_BASELINE.components.map((c) => [c.id, c.name, c.type]),
    );
    expect(rewritten.components[1]?.api).toBe('SQL');
    expect(rewritten.flows).toEqual(ARCHITECTURE_BASELINE.flows); // references and a label, not prose
    expect(Object.keys(rewritten)).toEqual(Object.keys(ARCHITECTURE_BASELINE));
    const tradeoff = {
      decision: 'Consistency versus availability',
      chosen: 'Modular monolith, stateless and horizontally scaled',
      alternative: 'Microservices from the start',
      reason: 'Option A. At 382/s peak this is 2 instances.',
      alternativeWins: 'When separate teams own parts of the product.',
    };
    const reworded = plausibleInput([tradeoff], TOOL_SCHEMAS.tradeoffsSchema) as (typeof tradeoff)[];
    expect(reworded[0]).toMatchObject({
      decision: tradeoff.decision,
      chosen: tradeoff.chosen,
      alternative: tradeoff.alternative,
    });
    expect(reworded[0]?.reason).not.toBe(tradeoff.reason);
    expect(isValid(schema, rewritten)).toBe(true);
  });

  it('rewords every prose string with an opener, adding no numeral', () => {
    const before = strings(ARCHITECTURE_BASELINE);
    const after = strings(rewritten);
    const changed = after.filter((text, i) => text !== before[i]);
    expect(changed).toHaveLength(8); // purpose, data, failureMode of both, one api, the summary
    for (const [i, text] of after.entries()) {
      const original = before[i] ?? '';
      if (text === original) continue;
      expect(PLAUSIBLE_OPENERS.some((opener) => text.startsWith(opener))).toBe(true);
      expect(text.toLowerCase()).toContain(original.slice(1).toLowerCase());
      expect(numerals(text)).toEqual(numerals(original));
    }
    expect(rewritten.summary).toMatch(/, a stateless service in front of one store\.$/);
    expect(plausibleInput(ARCHITECTURE_BASELINE, schema)).toEqual(rewritten); // deterministic
  });

  it('keeps the baseline string where the rewrite would pass maxLength, and numbers and nulls as they are', () => {
    const limited = {
      type: 'object',
      properties: {
        short: { type: 'string', maxLength: 30 },
        roomy: { type: 'string', maxLength: 300 },
        push_back: { anyOf: [{ type: 'string', maxLength: 900 }, { type: 'null' }] },
        factor: { type: 'number' },
        tags: { type: 'array', items: { type: 'string', enum: ['very hot read path'] } },
      },
    };
    const baseline = {
      short: 'Reads go to the cache first.',
      roomy: 'Reads go to the cache first.',
      push_back: null,
      factor: 10,
      tags: ['very hot read path'],
    };
    const out = plausibleInput(baseline, limited) as typeof baseline;
    expect(out.short).toBe(baseline.short);
    expect(out.roomy).not.toBe(baseline.roomy);
    expect(out.roomy.length).toBeLessThanOrEqual(300);
    expect(out).toMatchObject({ push_back: null, factor: 10, tags: ['very hot read path'] });
  });

  it('plausible answers the forced tool with the reworded baseline the prompt carries', () => {
    const body = {
      model: 'm',
      tools: [{ name: 'write_architecture', input_schema: schema }],
      tool_choice: { type: 'tool', name: 'write_architecture' },
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: `Draft.\n\n<baseline>\n${JSON.stringify(ARCHITECTURE_BASELINE)}\n</baseline>`,
            },
          ],
        },
      ],
    };
    expect(plausible(body)).toEqual({ kind: 'tool', name: 'write_architecture', input: rewritten });
    expect(echoBaseline(body)).toMatchObject({ input: ARCHITECTURE_BASELINE });
  });
});
