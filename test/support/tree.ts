// A directory tree as a map, to compare before and after a run: every path under `dir` (relative)
// with what it is: "dir", "link -> target", "fifo", "socket", "device" or the sha256 of its bytes.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(dir, relative))) {
      const rel = relative === '' ? name : `${relative}/${name}`;
      const full = join(dir, rel);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) entries.set(rel, `link -> ${readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        entries.set(rel, 'dir');
        walk(rel);
      } else if (!stat.isFile()) {
        // A FIFO or a device is named, never read: reading one would wait or never end.
        entries.set(rel, stat.isFIFO() ? 'fifo' : stat.isSocket() ? 'socket' : 'device');
      } else entries.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk('');
  return entries;
}

/** The snapshot as a sorted plain object, for readable diffs in assertions. */
export const tree = (dir: string): Record<string, string> => Object.fromEntries([...snapshot(dir)].sort());

/** A temporary file of the writer (".name.<tag>.tmp"), an editor's or the session store's. */
export const TEMP_FILE = /\.tmp$|\.json\.[0-9a-f]+$/;

/** Every temporary file left under `dir`. */
export const tempFiles = (dir: string): string[] =>
  [...snapshot(dir).keys()].filter((path) => TEMP_FILE.test(path));
