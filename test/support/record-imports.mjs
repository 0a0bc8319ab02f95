// Loaded with `node --import`: registers a resolve hook that appends every bare package specifier
// the process resolves, and every chunk of the bundle it loads (./cli-chunk-*.js), to the file named
// by RECORD_IMPORTS_TO, one per line.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const chunk = specifier.startsWith('./cli-chunk-') && specifier.endsWith('.js');
      if (chunk || (!specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:') && !specifier.startsWith('file:') && !specifier.startsWith('data:'))) {
        appendFileSync(process.env.RECORD_IMPORTS_TO, specifier + '\\n');
      }
      return next(specifier, context);
    }
  `)}`,
);
