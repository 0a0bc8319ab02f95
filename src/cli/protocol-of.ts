/**
 * A command's protocol alone, for the commands that only read its questions (validate, questions,
 * sessions): they need the step list, not the advisor, the renderer or the rules that a session
 * kind brings, so those stay off their start-up path.
 */
import { usageError } from '../errors.js';
import type { Protocol } from '../protocol/types.js';
import { designProtocol } from '../protocols/design/index.js';

export async function protocolOf(command: string): Promise<Protocol> {
  switch (command) {
    case 'design':
      return designProtocol;
    case 'pipeline':
      return (await import('../protocols/pipeline/index.js')).pipelineProtocol;
    case 'interview': {
      const [{ interviewProtocol }, { loadCompiledKnowledge, withProblems }] = await Promise.all([
        import('../protocols/interview/index.js'),
        import('../knowledge/compiled.js'),
      ]);
      return interviewProtocol(withProblems(loadCompiledKnowledge()).problems);
    }
    default:
      throw usageError(`\`${command}\` sessions are not supported by this version`);
  }
}
