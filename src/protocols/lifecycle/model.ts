/** The lifecycle session's answers as typed inputs, and the assessment shown before the tier is chosen. */
import type { SessionState } from '../../protocol/types.js';
import type { Ci, Framework, LifecyclePlan, ModelType } from './plan-types.js';
import type { Cloud, LifecycleInputs, ModelServer, Orchestrator } from './plan.js';
import {
  deploymentRules,
  maturityOf,
  qualityGates,
  stackRules,
  tierOf,
  type DeploymentTarget,
  type Fired,
  type Governance,
  type Platform,
  type Practice,
  type Stack,
  type Tier,
} from './rules.js';

/** The four scale questions: at least one must be answered. */
export const SCALE_IDS = [
  'lifecycle.rps',
  'lifecycle.latency',
  'lifecycle.data-volume',
  'lifecycle.concurrent-users',
] as const;

const value = <T>(state: SessionState, id: string): T | undefined =>
  state.answers[id]?.value as T | undefined;

export const hasScale = (state: SessionState): boolean =>
  SCALE_IDS.some((id) => value<number>(state, id) !== undefined);

/** What the answers hold, with the defaults of the optional questions. */
export function lifecycleInputs(state: SessionState): LifecycleInputs {
  const optional = <K extends keyof LifecycleInputs>(key: K, id: string): Partial<LifecycleInputs> => {
    const found = value<LifecycleInputs[K]>(state, id);
    return found === undefined ? {} : { [key]: found };
  };
  const tier = state.decisions['lifecycle.tier']?.value;
  return {
    title: state.title,
    modelType: value<ModelType>(state, 'lifecycle.model-type') ?? 'classification',
    framework: value<Framework>(state, 'lifecycle.framework') ?? 'custom',
    target: value<DeploymentTarget>(state, 'lifecycle.deployment-target') ?? 'online',
    governance: value<Governance>(state, 'lifecycle.governance') ?? 'experimental',
    stack: value<Stack>(state, 'lifecycle.stack') ?? 'none',
    platform: value<Platform>(state, 'lifecycle.platform') ?? 'vms',
    ci: value<Ci>(state, 'lifecycle.ci') ?? 'none',
    team: value<number>(state, 'lifecycle.team') ?? 1,
    regulated: value<boolean>(state, 'lifecycle.regulated') ?? false,
    explainability: value<boolean>(state, 'lifecycle.explainability') ?? false,
    orchestrator: value<Orchestrator>(state, 'lifecycle.orchestrator') ?? 'none',
    server: value<ModelServer>(state, 'lifecycle.server') ?? 'auto',
    training: value<Practice['training']>(state, 'lifecycle.training') ?? 'manual',
    deployment: value<Practice['deployment']>(state, 'lifecycle.deployment') ?? 'manual',
    retraining: value<Practice['retraining']>(state, 'lifecycle.retraining') ?? 'never',
    ...optional('rps', 'lifecycle.rps'),
    ...optional('latencyMs', 'lifecycle.latency'),
    ...optional('dataVolumeBytes', 'lifecycle.data-volume'),
    ...optional('concurrentUsers', 'lifecycle.concurrent-users'),
    ...optional('modelSizeBytes', 'lifecycle.model-size'),
    ...optional('replicaRps', 'lifecycle.replica-rps'),
    ...optional('maxReplicas', 'lifecycle.max-replicas'),
    ...optional('availability', 'lifecycle.availability'),
    ...(value<Cloud>(state, 'lifecycle.cloud')
      ? { cloud: value<Cloud>(state, 'lifecycle.cloud') as Cloud }
      : {}),
    ...(value<'Standard' | 'Knative'>(state, 'lifecycle.kserve-mode')
      ? {
          kserveMode: value<'Standard' | 'Knative'>(state, 'lifecycle.kserve-mode') as 'Standard' | 'Knative',
        }
      : {}),
    ...(tier === 'tier-1'
      ? { tier: 1 }
      : tier === 'tier-2'
        ? { tier: 2 }
        : tier === 'tier-3'
          ? { tier: 3 }
          : {}),
  };
}

/** Maturity with its evidence, the recommended tier and why, and the rules that fired. */
export interface Assessment {
  readonly level: 0 | 1 | 2;
  readonly evidence: readonly string[];
  readonly tier: Tier;
  readonly why: string;
  readonly rules: readonly Fired[];
}

export function assessmentOf(state: SessionState): Assessment {
  const inputs = lifecycleInputs(state);
  const { level, evidence } = maturityOf(inputs);
  const { tier, why } = tierOf(inputs);
  return {
    level,
    evidence,
    tier,
    why,
    rules: [...stackRules(inputs), ...deploymentRules(inputs), ...qualityGates(inputs)],
  };
}

export const lifecycleAssessment = (state: SessionState): Assessment | undefined =>
  state.derived['lifecycle.assessment'] as Assessment | undefined;

export const lifecyclePlan = (state: SessionState): LifecyclePlan | undefined =>
  state.derived['lifecycle.plan'] as LifecyclePlan | undefined;
