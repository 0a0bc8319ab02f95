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

const value = (state: SessionState, id: string): unknown => state.answers[id]?.value;

export const hasScale = (state: SessionState): boolean =>
  SCALE_IDS.some((id) => value(state, id) !== undefined);

/** What the answers hold, with the defaults of the optional questions. */
export function lifecycleInputs(state: SessionState): LifecycleInputs {
  const optional = (key: keyof LifecycleInputs, id: string): Partial<LifecycleInputs> => {
    const found = value(state, id);
    return found === undefined ? {} : { [key]: found };
  };
  const tier = state.decisions['lifecycle.tier']?.value;
  return {
    title: state.title,
    modelType: (value(state, 'lifecycle.model-type') as ModelType | undefined) ?? 'classification',
    framework: (value(state, 'lifecycle.framework') as Framework | undefined) ?? 'custom',
    target: (value(state, 'lifecycle.deployment-target') as DeploymentTarget | undefined) ?? 'online',
    governance: (value(state, 'lifecycle.governance') as Governance | undefined) ?? 'experimental',
    stack: (value(state, 'lifecycle.stack') as Stack | undefined) ?? 'none',
    platform: (value(state, 'lifecycle.platform') as Platform | undefined) ?? 'vms',
    ci: (value(state, 'lifecycle.ci') as Ci | undefined) ?? 'none',
    team: (value(state, 'lifecycle.team') as number | undefined) ?? 1,
    regulated: (value(state, 'lifecycle.regulated') as boolean | undefined) ?? false,
    explainability: (value(state, 'lifecycle.explainability') as boolean | undefined) ?? false,
    orchestrator: (value(state, 'lifecycle.orchestrator') as Orchestrator | undefined) ?? 'none',
    server: (value(state, 'lifecycle.server') as ModelServer | undefined) ?? 'auto',
    training: (value(state, 'lifecycle.training') as Practice['training'] | undefined) ?? 'manual',
    deployment: (value(state, 'lifecycle.deployment') as Practice['deployment'] | undefined) ?? 'manual',
    retraining: (value(state, 'lifecycle.retraining') as Practice['retraining'] | undefined) ?? 'never',
    ...optional('rps', 'lifecycle.rps'),
    ...optional('latencyMs', 'lifecycle.latency'),
    ...optional('dataVolumeBytes', 'lifecycle.data-volume'),
    ...optional('concurrentUsers', 'lifecycle.concurrent-users'),
    ...optional('modelSizeBytes', 'lifecycle.model-size'),
    ...optional('replicaRps', 'lifecycle.replica-rps'),
    ...optional('maxReplicas', 'lifecycle.max-replicas'),
    ...optional('availability', 'lifecycle.availability'),
    ...((value(state, 'lifecycle.cloud') as Cloud | undefined)
      ? { cloud: value(state, 'lifecycle.cloud') as Cloud | undefined as Cloud }
      : {}),
    ...((value(state, 'lifecycle.kserve-mode') as 'Standard' | 'Knative' | undefined)
      ? {
          kserveMode: value(state, 'lifecycle.kserve-mode') as 'Standard' | 'Knative' | undefined as
            'Standard' | 'Knative',
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
