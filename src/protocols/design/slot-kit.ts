/** Small builders shared by the design protocol's slot definitions. */
import type { Result } from '../../lib/result.js';
import type { RawAnswer, SessionState } from '../../protocol/types.js';
import { asText } from '../../protocol/answer-text.js';

export const isMl = (state: SessionState): boolean => state.scope !== 'system';
export const ML_ONLY = 'ML and hybrid scope';
export const hasContextDocument = (state: SessionState): boolean => state.context.length > 0;

export const single = (raw: RawAnswer): string => asText(raw);

export { question } from '../../protocol/common-slots.js';

export const fromUnit =
  <T>(parser: (text: string) => Result<T>) =>
  (raw: RawAnswer): Result<T> =>
    parser(single(raw));
