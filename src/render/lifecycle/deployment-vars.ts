/**
 * The variables the deployment files read: the Kubernetes manifests are rendered with `envsubst` by
 * the deploy job (an alias is resolved to a version there, never inside the cluster), the compose
 * file reads `.env`, and the managed-endpoint scripts check each one before their first command.
 */
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import type { EnvVar } from './env-example.js';
import { managedVariables } from './deploy-managed.js';
import { artifactScheme, MODEL_IMAGE_VAR } from './manifests.js';

const MODEL_IMAGE: EnvVar = {
  name: MODEL_IMAGE_VAR,
  about:
    'The model image, built per registered version by `mlflow models build-docker` and tagged with that version (never latest). release.sh sets it; fill it only to render a manifest by hand.',
  secret: false,
};

const MODEL_IMAGE_REPOSITORY: EnvVar = {
  name: 'MODEL_IMAGE_REPOSITORY',
  about:
    'The registry repository release.sh pushes versioned model images to (e.g. ghcr.io/acme/fraud-model).',
  secret: false,
};

const K8S_NAMESPACE: EnvVar = {
  name: 'K8S_NAMESPACE',
  about: 'The namespace the model runs in; release.sh and the runbook commands read it.',
  secret: false,
};

/** Bucket and key of a version's artifacts (no scheme), as the deploy job resolved it from an alias. */
function artifactPathVars(plan: LifecyclePlan): readonly EnvVar[] {
  const scheme = artifactScheme(plan);
  return [
    {
      name: 'CHAMPION_ARTIFACT_PATH',
      about: `Bucket/key of the @champion version's model (the part after ${scheme}://). release.sh resolves it from the registry; fill it only to render the manifest by hand.`,
      secret: false,
    },
    {
      name: 'CHALLENGER_ARTIFACT_PATH',
      about: `Bucket/key of the @challenger version's model, for the canary (the part after ${scheme}://).`,
      secret: false,
    },
  ];
}

export function deploymentVariables(plan: LifecyclePlan): EnvVar[] {
  const vars: EnvVar[] = [];
  const { serving } = plan;
  if (serving.kind === 'kserve' || serving.kind === 'deployment' || plan.batch?.kind === 'cronjob')
    vars.push(K8S_NAMESPACE);
  if (serving.kind === 'kserve') vars.push(...artifactPathVars(plan));
  if (serving.kind === 'deployment' || serving.kind === 'compose' || plan.batch?.kind === 'cronjob')
    vars.push(MODEL_IMAGE_REPOSITORY, MODEL_IMAGE);
  if (serving.kind === 'edge')
    vars.push(
      {
        name: 'DEVICE_PUBLISH_COMMAND',
        about:
          'Your device-management command, called by release.sh as COMMAND ARTIFACT PERCENT to publish an export to that share of the fleet.',
        secret: false,
      },
      {
        name: 'EXPORT_SAMPLES',
        about: 'Sample inputs (a .npy file) export.py checks every export against before it ships.',
        secret: false,
      },
    );
  if (serving.kind === 'compose')
    vars.push({
      name: 'MODEL_BIND_ADDRESS',
      about: 'Host address the model server is published on; 127.0.0.1 keeps it behind a local TLS proxy.',
      example: '127.0.0.1',
      secret: false,
    });
  if (serving.kind === 'managed')
    vars.push(...managedVariables(serving.cloud), {
      name: 'ROLLOUT_PEER',
      about:
        'For the rollout steps after the first: the id deploy.sh shift takes (see its comment), known once the canary step has deployed; set it in the production environment before those steps run.',
      secret: false,
    });
  return vars;
}
