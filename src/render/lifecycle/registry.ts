/**
 * The registry policy and its promotion script. Aliases and tags, never stages (deprecated since
 * MLflow 2.9): one registered model per environment, @challenger for the candidate, @champion for
 * the version serving, @previous_champion kept for a one-command rollback, and tags that carry the
 * lineage and the validation status. The approval is the CI platform's; the script records it.
 */
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { commentedYaml } from './yaml-doc.js';

const REGISTRY_DIR = 'mlops/registry';
export const PROMOTE = `${REGISTRY_DIR}/promote.py`;

export const registeredModel = (plan: LifecyclePlan, environment: 'staging' | 'production'): string =>
  `${plan.name}-${environment}`;

function registryPolicy(plan: LifecyclePlan) {
  const staging = registeredModel(plan, 'staging');
  const production = registeredModel(plan, 'production');
  const script = `python ${PROMOTE}`;
  const approval = plan.gates.approval
    ? ['an approval in the CI platform (the protected production environment), recorded as approved_by']
    : [];
  return {
    version: 1 as const,
    registry: plan.registry,
    environments: [
      { name: 'staging' as const, registered_model: staging },
      { name: 'production' as const, registered_model: production },
    ],
    aliases: [
      {
        name: 'champion',
        means: 'the version serving traffic in this environment; the deployment loads it by alias',
      },
      { name: 'challenger', means: 'the candidate under evaluation or in its canary' },
      {
        name: 'previous_champion',
        means: 'the version @champion pointed at before the last promotion: the rollback target',
      },
    ],
    required_tags: [
      {
        key: 'git_commit',
        means: 'the commit of the training code',
        required_in: ['staging' as const, 'production' as const],
      },
      {
        key: 'data_version',
        means: 'the training data snapshot (a hash or a dated partition)',
        required_in: ['staging' as const, 'production' as const],
      },
      {
        key: 'training_run_id',
        means: 'the tracking run that produced the version',
        required_in: ['staging' as const, 'production' as const],
      },
      {
        key: 'validation_status',
        means: `pending until evaluate passes: ${plan.monitoring.qualityMetric} against @champion on the same holdout`,
        values: ['pending', 'passed', 'failed'],
        required_in: ['staging' as const, 'production' as const],
      },
      ...(plan.gates.approval
        ? [
            {
              key: 'approved_by',
              means: 'the reviewer who approved the production deployment in CI',
              required_in: ['production' as const],
            },
          ]
        : []),
      ...(plan.gates.modelCard
        ? [
            {
              key: 'model_card',
              means: 'the path and commit of the model card reviewed with this version',
              required_in: ['production' as const],
            },
          ]
        : []),
    ],
    promotion: [
      {
        step: 'validate',
        from: `${staging}@challenger`,
        to: `${staging}@challenger`,
        requires: ['the evaluate entry point passed against @champion'],
        command: `${script} validate --status passed`,
      },
      {
        step: 'promote',
        from: `${staging}@challenger`,
        to: `${production}@challenger`,
        requires: ['validation_status=passed', ...approval],
        command: `${script} promote`,
      },
      {
        step: 'crown',
        from: `${production}@challenger`,
        to: `${production}@champion`,
        requires: [
          plan.gates.gradualRollout
            ? `the rollout completed its steps (${plan.rollout.steps.join('% -> ')}%) with no SLO alert`
            : 'the deployment is healthy',
        ],
        command: `${script} crown`,
      },
      {
        step: 'rollback',
        from: `${production}@previous_champion`,
        to: `${production}@champion`,
        requires: ['nothing: a rollback is never blocked'],
        command: `${script} rollback`,
      },
    ],
    retention: {
      keep_versions: 10,
      older:
        'aliases and tags removed, artifacts kept for the audit period, then deleted by the artifact store lifecycle rule',
    },
  };
}

export function registryFiles(plan: LifecyclePlan): Artifact[] {
  return [
    commentedYaml(
      `${REGISTRY_DIR}/policy.yaml`,
      [
        `How versions of ${plan.title} move from training to serving. Read by promote.py and by`,
        'people. Serving follows the @champion alias (resolved to its artifacts when a release is',
        'deployed), so promotion and rollback start by moving an alias, never by writing a version number into a file.',
      ].join('\n'),
      registryPolicy(plan),
    ),
    { path: PROMOTE, content: mlflowScript(plan) },
  ];
}

const python = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

function mlflowScript(plan: LifecyclePlan): string {
  const staging = registeredModel(plan, 'staging');
  const production = registeredModel(plan, 'production');
  return python([
    '"""Promote, crown and roll back versions of the model by alias (see policy.yaml).',
    '',
    `validate: tag ${staging}@challenger with validation_status.`,
    `promote:  copy ${staging}@challenger to ${production} as @challenger (it must have passed).`,
    `crown:    move ${production}@champion to @challenger, keeping the old one as @previous_champion.`,
    `rollback: move ${production}@champion back to @previous_champion, tagging the replaced version failed.`,
    'reject:   tag the production @challenger failed and drop the alias (a canary that went wrong).',
    'uri:      print the artifact location of ENVIRONMENT@ALIAS, which a deployment serves.',
    '',
    'The tracking server comes from MLFLOW_TRACKING_URI (and its credentials from the environment',
    'variables MLflow reads): nothing here holds a secret.',
    '"""',
    'import argparse',
    'import os',
    'import sys',
    '',
    'from mlflow import MlflowClient',
    '',
    `STAGING = "${staging}"`,
    `PRODUCTION = "${production}"`,
    `APPROVAL_REQUIRED = ${plan.gates.approval ? 'True' : 'False'}`,
    '',
    '',
    'def version_of(client, name, alias):',
    '    try:',
    '        return client.get_model_version_by_alias(name, alias)',
    '    except Exception as error:  # the alias does not exist yet',
    '        sys.exit(f"{name}@{alias} not found: {error}")',
    '',
    '',
    'def validate(client, status):',
    '    version = version_of(client, STAGING, "challenger")',
    '    client.set_model_version_tag(STAGING, version.version, "validation_status", status)',
    '    print(f"{STAGING} version {version.version}: validation_status={status}")',
    '',
    '',
    'def promote(client):',
    '    version = version_of(client, STAGING, "challenger")',
    '    if version.tags.get("validation_status") != "passed":',
    '        sys.exit(f"{STAGING}@challenger has not passed validation")',
    '    approver = os.environ.get("APPROVED_BY", "")',
    '    if APPROVAL_REQUIRED and not approver:',
    '        sys.exit("APPROVED_BY is empty: production needs the approval recorded by the CI environment")',
    '    copied = client.copy_model_version(f"models:/{STAGING}@challenger", PRODUCTION)',
    '    for key, value in version.tags.items():',
    '        client.set_model_version_tag(PRODUCTION, copied.version, key, value)',
    '    if approver:',
    '        client.set_model_version_tag(PRODUCTION, copied.version, "approved_by", approver)',
    '    client.set_registered_model_alias(PRODUCTION, "challenger", copied.version)',
    '    print(f"{PRODUCTION} version {copied.version} is @challenger")',
    '',
    '',
    'def crown(client):',
    '    challenger = version_of(client, PRODUCTION, "challenger")',
    '    try:',
    '        current = client.get_model_version_by_alias(PRODUCTION, "champion")',
    '        client.set_registered_model_alias(PRODUCTION, "previous_champion", current.version)',
    '    except Exception:',
    '        current = None  # the first champion',
    '    client.set_registered_model_alias(PRODUCTION, "champion", challenger.version)',
    '    client.delete_registered_model_alias(PRODUCTION, "challenger")',
    '    print(f"{PRODUCTION}@champion is version {challenger.version}")',
    '',
    '',
    'def rollback(client):',
    '    previous = version_of(client, PRODUCTION, "previous_champion")',
    '    bad = version_of(client, PRODUCTION, "champion")',
    '    client.set_model_version_tag(PRODUCTION, bad.version, "validation_status", "failed")',
    '    client.set_registered_model_alias(PRODUCTION, "champion", previous.version)',
    '    print(f"{PRODUCTION}@champion is back on version {previous.version}")',
    '',
    '',
    'def reject(client):',
    '    bad = version_of(client, PRODUCTION, "challenger")',
    '    client.set_model_version_tag(PRODUCTION, bad.version, "validation_status", "failed")',
    '    client.delete_registered_model_alias(PRODUCTION, "challenger")',
    '    print(f"{PRODUCTION} version {bad.version} rejected: the @champion keeps serving")',
    '',
    '',
    'def uri(client, environment, alias):',
    '    name = STAGING if environment == "staging" else PRODUCTION',
    '    version = version_of(client, name, alias)',
    '    print(client.get_model_version_download_uri(name, version.version))',
    '',
    '',
    'def main():',
    '    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])',
    '    parser.add_argument("action", choices=["validate", "promote", "crown", "rollback", "reject", "uri"])',
    '    parser.add_argument("--status", choices=["passed", "failed"], default="passed")',
    '    parser.add_argument("--environment", choices=["staging", "production"], default="production")',
    '    parser.add_argument("--alias", default="champion")',
    '    args = parser.parse_args()',
    '    client = MlflowClient()',
    '    if args.action == "validate":',
    '        validate(client, args.status)',
    '    elif args.action == "uri":',
    '        uri(client, args.environment, args.alias)',
    '    else:',
    '        {"promote": promote, "crown": crown, "rollback": rollback, "reject": reject}[args.action](client)',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
  ]);
}
