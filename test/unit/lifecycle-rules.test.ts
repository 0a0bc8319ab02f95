/**
 * The lifecycle's decision rules: each fires on a minimal case and stays quiet on its near miss,
 * at the thresholds the specification gives.
 */
import { describe, expect, it } from 'vitest';
import {
  abortsOf,
  accuracyAction,
  deploymentRules,
  driftAction,
  errorAction,
  latencyAction,
  maturityOf,
  qualityGates,
  stackRules,
  tierOf,
  type LifecycleFacts,
} from '../../src/protocols/lifecycle/rules.js';

const base: LifecycleFacts = {
  training: 'manual',
  deployment: 'manual',
  retraining: 'never',
  target: 'online',
  governance: 'staging',
  stack: 'none',
  platform: 'kubernetes',
  team: 8,
  regulated: false,
};

const saysOf = (...args: Parameters<typeof abortsOf>): string[] =>
  abortsOf(...args).map((conflict) => `${conflict.question}: ${conflict.says}`);

const ids = (fired: readonly { id: string }[]): string[] => fired.map((rule) => rule.id);

describe('maturity and tier', () => {
  it('reads Google levels 0, 1 and 2 from how models are trained, deployed and retrained', () => {
    expect(maturityOf(base).level).toBe(0);
    expect(maturityOf({ training: 'pipeline', deployment: 'manual', retraining: 'manual' }).level).toBe(0);
    expect(maturityOf({ training: 'pipeline', deployment: 'scripted', retraining: 'scheduled' }).level).toBe(
      1,
    );
    expect(maturityOf({ training: 'pipeline', deployment: 'ci-cd', retraining: 'triggered' }).level).toBe(2);
    expect(maturityOf(base).evidence).toEqual([
      'training: manual',
      'deployment: manual',
      'retraining: never',
    ]);
  });

  it('caps a team under 5 at tier 2, unless the model is regulated', () => {
    expect(tierOf({ ...base, team: 8 }).tier).toBe(3);
    expect(tierOf({ ...base, team: 4 }).tier).toBe(2);
    expect(tierOf({ ...base, team: 5 }).tier).toBe(3);
    expect(tierOf({ ...base, team: 4, regulated: true }).tier).toBe(3);
    expect(tierOf({ ...base, governance: 'experimental' }).tier).toBe(1);
    expect(tierOf({ ...base, training: 'pipeline', retraining: 'scheduled' }).tier).toBe(2);
  });
});

describe('stack selection', () => {
  it('integrates an existing stack, else managed on a managed cloud, else open source', () => {
    expect(ids(stackRules({ ...base, stack: 'sagemaker' }))).toEqual(['integrate-existing-stack']);
    expect(ids(stackRules({ ...base, platform: 'cloud-managed' }))).toEqual(['managed-when-cloud-native']);
    expect(ids(stackRules(base))).toEqual(['open-source-on-premises']);
  });

  it('says what integrating means where the stack is not a tracker and a registry itself', () => {
    expect(stackRules({ ...base, stack: 'kubeflow' })[0]?.says).toContain(
      'runs and the registry go to MLflow beside it',
    );
    expect(stackRules({ ...base, stack: 'wandb' })[0]?.says).toContain(
      'runs stay where the team logs them today',
    );
    expect(stackRules({ ...base, stack: 'mlflow' })[0]?.says).toContain(
      'a second tracker or registry splits the lineage',
    );
  });

  it('puts a team under 5 on MLflow, and a regulated model under governance', () => {
    expect(ids(stackRules({ ...base, team: 4 }))).toContain('small-team-mlflow');
    expect(ids(stackRules({ ...base, team: 5 }))).not.toContain('small-team-mlflow');
    expect(ids(stackRules({ ...base, regulated: true }))).toContain('regulated-governance');
    expect(ids(stackRules(base))).not.toContain('regulated-governance');
  });
});

describe('deployment pattern', () => {
  it('takes the latency bands: under 50 ms edge or optimise, 50-500 online, 500 or batch', () => {
    expect(ids(deploymentRules({ ...base, latencyMs: 49 }))).toEqual(['edge-or-optimise']);
    expect(ids(deploymentRules({ ...base, latencyMs: 50 }))).toEqual(['online-serving']);
    expect(ids(deploymentRules({ ...base, latencyMs: 499 }))).toEqual(['online-serving']);
    expect(ids(deploymentRules({ ...base, latencyMs: 500 }))).toEqual(['batch-acceptable']);
    expect(ids(deploymentRules({ ...base, target: 'batch' }))).toEqual(['batch-acceptable']);
    expect(ids(deploymentRules(base))).toEqual([]);
  });

  it('compresses inside the online band under 100 ms only', () => {
    expect(deploymentRules({ ...base, latencyMs: 99 })[0]?.says).toMatch(/compress the model/);
    expect(deploymentRules({ ...base, latencyMs: 100 })[0]?.says).not.toMatch(/compress/);
  });

  it('autoscales over 1000 rps and stages a model over 1 GB', () => {
    expect(ids(deploymentRules({ ...base, rps: 1_001 }))).toEqual(['autoscale-and-cache']);
    expect(ids(deploymentRules({ ...base, rps: 1_000 }))).toEqual([]);
    expect(ids(deploymentRules({ ...base, modelSizeBytes: 1.2e9 }))).toEqual(['large-model']);
    expect(ids(deploymentRules({ ...base, modelSizeBytes: 1e9 }))).toEqual([]);
  });
});

describe('monitoring thresholds', () => {
  it('PSI: 0.1 monitor, over 0.2 investigate, over 0.25 retrain', () => {
    expect([0.09, 0.1, 0.2, 0.21, 0.25, 0.26].map(driftAction)).toEqual([
      'none',
      'monitor',
      'monitor',
      'investigate',
      'investigate',
      'retrain',
    ]);
  });

  it('accuracy drop: over 5% investigate, over 10% retrain', () => {
    expect([0.05, 0.051, 0.1, 0.11].map(accuracyAction)).toEqual([
      'none',
      'investigate',
      'investigate',
      'retrain',
    ]);
  });

  it('p95 over 1.5x the target for 10 minutes alerts; shorter or lower does not', () => {
    expect(latencyAction(301, 200, 10)).toBe('alert');
    expect(latencyAction(300, 200, 10)).toBe('none');
    expect(latencyAction(301, 200, 9)).toBe('none');
  });

  it('error rate: over 1% alerts, over 5% pages', () => {
    expect([0.01, 0.011, 0.05, 0.051].map(errorAction)).toEqual(['none', 'alert', 'alert', 'page']);
  });
});

describe('quality gates and aborts', () => {
  it('always a rollback; approval, model card and gradual rollout at production; privacy when regulated', () => {
    expect(ids(qualityGates(base))).toEqual(['rollback-procedure']);
    expect(ids(qualityGates({ ...base, governance: 'production' }))).toEqual([
      'rollback-procedure',
      'approval',
      'model-card',
      'gradual-rollout',
    ]);
    expect(ids(qualityGates({ ...base, regulated: true }))).toEqual(['rollback-procedure', 'privacy-checks']);
  });

  it('aborts on a format the server cannot take, on a fleet short of the rate, on an unsupported mandate', () => {
    expect(saysOf({ ...base, modelFormat: 'keras', server: 'torchserve' })).toEqual([
      'lifecycle.server: a keras model cannot be served by torchserve (it takes pytorch, torchscript, onnx)',
    ]);
    expect(saysOf({ ...base, modelFormat: 'onnx', server: 'torchserve' })).toEqual([]);
    expect(saysOf({ ...base, rps: 2_001, maxReplicas: 10, perReplicaRps: 200 })).toEqual([
      'lifecycle.max-replicas: 10 replicas at 200 requests a second serve 2000, short of 2001',
    ]);
    expect(saysOf({ ...base, rps: 2_000, maxReplicas: 10, perReplicaRps: 200 })).toEqual([]);
    expect(saysOf({ ...base, explainabilityRequired: true, explainabilitySupported: false })).toHaveLength(1);
    expect(saysOf({ ...base, explainabilityRequired: true, explainabilitySupported: true })).toEqual([]);
  });
});
