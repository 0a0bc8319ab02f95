/** Where the package's data lives: references/ and templates/ sit beside src/ and dist/. */
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const REFERENCES_DIR = `${PACKAGE_ROOT}references/`;
export const TEMPLATES_DIR = `${PACKAGE_ROOT}templates/`;
