// The session store on a real temporary filesystem: where it lives, atomic saves, validation on
// load, and invalid files moved aside unchanged.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionRecord, type SavedSession } from '../../src/cli/document-session.js';
import { designKind } from '../../src/cli/kinds/design.js';
import { resumedState } from '../../src/session/record.js';
import { SessionStore, newSessionId, sessionsDir } from '../../src/session/store.js';
import { finishedDesign } from '../support/design-state.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-design-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('sessionsDir', () => {
  it('prefers MLOPS_DESIGN_STATE_DIR, then XDG_STATE_HOME, then ~/.local/state', () => {
    expect(sessionsDir({ MLOPS_DESIGN_STATE_DIR: '/a', XDG_STATE_HOME: '/b' })).toBe('/a');
    expect(sessionsDir({ XDG_STATE_HOME: '/b' })).toBe('/b/mlops-design/sessions');
    expect(sessionsDir({})).toBe(join(homedir(), '.local', 'state', 'mlops-design', 'sessions'));
  });
});

describe('newSessionId', () => {
  it('starts with the creation time, so ids sort by age, and ends with a short random suffix', () => {
    const id = newSessionId(new Date('2026-11-22T11:50:07.123Z'), () => 0.5);
    expect(id).toMatch(/^20261122-115007-[0-9a-z]{4}$/);
    expect(newSessionId(new Date('2026-11-22T11:50:07Z'), () => 0)).toBe('20261122-115007-0000');
  });
});

describe('SessionStore', () => {
  const session = (store: SessionStore): SavedSession => ({
    store,
    id: '20261122-115007-abcd',
    createdAt: '2026-11-22T11:50:07.000Z',
    clock: () => new Date('2026-11-22T11:55:00.000Z'),
  });

  it('saves a session as JSON that loads back, validated, with the same state', async () => {
    const store = new SessionStore(join(dir, 'sessions'));
    const state = await finishedDesign();
    const record = sessionRecord(designKind, session(store), '/out', state, true);
    store.save(record);
    expect(readdirSync(store.dir)).toEqual(['20261122-115007-abcd.json']);
    const loaded = store.load('20261122-115007-abcd');
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.record.position).toBe('finished');
      expect(loaded.record.state.answers['requirements.latency']?.raw).toBe(
        state.answers['requirements.latency']?.raw,
      );
      expect(loaded.record.state.decisions).toEqual(JSON.parse(JSON.stringify(state.decisions)));
    }
    expect(store.ids()).toEqual(['20261122-115007-abcd']);
  });

  it('saves what the person gave: no draft and no derived result (resume makes them again)', async () => {
    const store = new SessionStore(join(dir, 'sessions'));
    const state = await finishedDesign();
    expect(Object.keys(state.derived)).toEqual([
      'estimation.numbers',
      'operations.cost',
      'operations.review',
    ]);
    expect(Object.keys(state.drafts)).toContain('operations.plan');
    store.save(sessionRecord(designKind, session(store), '/out', state, false));
    const saved = JSON.parse(readFileSync(store.path('20261122-115007-abcd'), 'utf8')) as {
      state: Record<string, unknown>;
    };
    expect(saved.state.drafts).toEqual({});
    expect('derived' in saved.state).toBe(false);
    const loaded = store.load('20261122-115007-abcd');
    if (!loaded.ok) throw new Error(loaded.problem);
    expect(resumedState(loaded.record.state)).toMatchObject({ drafts: {}, derived: {} });
  });

  it('loads a session saved before results were derived (its estimate was a draft, never saved)', () => {
    const store = new SessionStore(join(dir, 'sessions'));
    mkdirSync(store.dir, { recursive: true });
    // The shape version 1 records have always had: the estimate was a draft, and drafts were saved empty.
    const older = {
      schema: 'mlops-design/session',
      version: 1,
      id: '20261101-090000-old1',
      command: 'design',
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:05:00.000Z',
      finished: false,
      out: '/out',
      position: 'estimation.writes',
      state: {
        version: 1,
        protocol: 'design',
        title: 'Older',
        scope: 'system',
        context: [],
        answers: { 'requirements.functional': { raw: ['Users post notes.'], value: ['Users post notes.'] } },
        decisions: {},
        drafts: {},
      },
    };
    writeFileSync(store.path(older.id), `${JSON.stringify(older, null, 2)}\n`);
    const loaded = store.load(older.id);
    if (!loaded.ok) throw new Error(loaded.problem);
    expect(loaded.record.position).toBe('estimation.writes');
    expect(resumedState(loaded.record.state).answers['requirements.functional']?.raw).toEqual([
      'Users post notes.',
    ]);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), /not valid JSON/],
    [
      'from a newer version',
      (text: string) => JSON.stringify({ ...(JSON.parse(text) as object), version: 99 }),
      /version/,
    ],
    [
      'edited into the wrong shape',
      (text: string) => JSON.stringify({ ...(JSON.parse(text) as object), finished: 'yes' }),
      /finished/,
    ],
  ])('reports a %s file as invalid, without touching it', async (_name, corrupt, problem) => {
    const store = new SessionStore(join(dir, 'sessions'));
    store.save(sessionRecord(designKind, session(store), '/out', await finishedDesign(), true));
    const path = store.path('20261122-115007-abcd');
    const corrupted = corrupt(readFileSync(path, 'utf8'));
    writeFileSync(path, corrupted);
    const loaded = store.load('20261122-115007-abcd');
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? '' : loaded.problem).toMatch(problem);
    expect(readFileSync(path, 'utf8')).toBe(corrupted);
  });

  it('moves an invalid file aside unchanged, never over an earlier one', () => {
    const store = new SessionStore(join(dir, 'sessions'));
    mkdirSync(store.dir, { recursive: true });
    for (const content of ['{ first', '{ second']) {
      writeFileSync(store.path('x'), content);
      store.quarantine('x');
    }
    const aside = join(store.dir, 'invalid');
    expect(readdirSync(aside).sort()).toEqual(['x.1.json', 'x.json']);
    expect(readFileSync(join(aside, 'x.json'), 'utf8')).toBe('{ first');
    expect(readFileSync(join(aside, 'x.1.json'), 'utf8')).toBe('{ second');
    expect(existsSync(store.path('x'))).toBe(false);
  });

  it('a state folder that is a file: 78 before saving, and after a start a warning instead of an error', async () => {
    writeFileSync(join(dir, 'sessions'), 'a file\n');
    const store = new SessionStore(join(dir, 'sessions'));
    expect(() => {
      store.prepare();
    }).toThrow(expect.objectContaining({ exitCode: 78 }) as Error);
    const warnings: string[] = [];
    store.tolerateFailures((line) => warnings.push(line));
    const record = sessionRecord(designKind, session(store), '/out', await finishedDesign(), false);
    store.save(record);
    store.save(record);
    expect(store.saving).toBe(false);
    expect(warnings).toEqual([
      `warning: the state folder ${store.dir} is not a folder (it, or a folder above it, is a file); this run cannot be resumed`,
    ]);
    expect(readdirSync(dir)).toEqual(['sessions']);
  });

  it('prepare leaves nothing behind in a folder that works', () => {
    const store = new SessionStore(join(dir, 'sessions'));
    store.prepare();
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it('an invalid file stays where it is when invalid/ is a file, and says why', () => {
    const store = new SessionStore(join(dir, 'sessions'));
    mkdirSync(store.dir);
    writeFileSync(store.path('x'), '{ broken');
    writeFileSync(join(store.dir, 'invalid'), 'a file\n');
    expect(store.quarantine('x')).toEqual({
      moved: false,
      why: `${join(store.dir, 'invalid')} is not a folder`,
    });
    expect(readFileSync(store.path('x'), 'utf8')).toBe('{ broken');
  });

  it('an unknown id is "not found" (66), and an empty store lists nothing', () => {
    const store = new SessionStore(join(dir, 'nowhere'));
    expect(store.ids()).toEqual([]);
    expect(() => store.load('20261122-000000-zzzz')).toThrow(
      expect.objectContaining({ exitCode: 66 }) as Error,
    );
  });
});
