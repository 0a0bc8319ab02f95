/** Placeholder until the gates branch lands its rules (contradicts-own-condition, contradicts-requirement). */
import type { SessionState } from '../protocol/types.js';
import type { Finding } from './finding.js';

export function conditionFindings(_state: SessionState): Finding[] {
  return [];
}
