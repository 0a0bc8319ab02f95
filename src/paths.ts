/**
 * Where the package's data lives: references/ and templates/ sit beside src/ and dist/. This module
 * is one level below the package root both as source, as compiled, and inside the bundle.
 */
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const REFERENCES_DIR = `${PACKAGE_ROOT}references/`;
export const TEMPLATES_DIR = `${PACKAGE_ROOT}templates/`;
/** Guides and prices validated and compiled at build time (scripts/bundle.mjs). */
export const COMPILED_KNOWLEDGE = `${PACKAGE_ROOT}dist/knowledge.json`;
/** The guides' full text, compiled beside it and read only where it is needed. */
export const COMPILED_GUIDE_BODIES = `${PACKAGE_ROOT}dist/guide-bodies.json`;
export const COMPILED_PROBLEMS = `${PACKAGE_ROOT}dist/problems.json`;
