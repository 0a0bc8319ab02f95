/**
 * No secret in any generated file, checked two independent ways over every file of every plan:
 * secretlint with its recommended preset (cloud keys, private keys, tokens, credentials in URLs),
 * run through its Node API offline; and a key-name deny-list (password, secret, token, api_key,
 * access_key, private_key, credential...) whose values must be references: ${VAR}, a GitHub
 * ${{ secrets.X }}, a Kubernetes secretKeyRef, a runtime lookup, or nothing. Both, and the
 * product's own checkSecrets, are shown to catch a planted secret.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/output/artifacts.js';
import { planOf } from '../../src/protocols/lifecycle/plan.js';
import type { LifecyclePlan } from '../../src/protocols/lifecycle/plan-types.js';
import { renderLifecycle } from '../../src/render/lifecycle/index.js';
import { checkSecrets } from '../../src/render/lifecycle/secrets.js';
import { INPUTS, PLANS } from '../support/lifecycle-plans.js';
import { OPS_PLANS } from '../support/ops-plans.js';
import { secretlint, DENY, LOCATES, assignments, denyList } from '../support/secret-scan.js';

const TEMPLATE = readFileSync(new URL('../../templates/mlops_plan.md', import.meta.url), 'utf8');

const ALL: [string, LifecyclePlan][] = [
  ...Object.entries(PLANS),
  ...Object.entries(OPS_PLANS).map(([name, plan]): [string, LifecyclePlan] => [`ops ${name}`, plan]),
  ['tier 1 of fraudKserve', planOf({ ...INPUTS.fraudKserve, tier: 1 })],
  ['tier 2 of fraudKserve', planOf({ ...INPUTS.fraudKserve, tier: 2 })],
  ...(['azure_ml', 'databricks'] as const).map((cloud): [string, LifecyclePlan] => [
    `managed ${cloud}`,
    { ...PLANS.sagemakerOnline, stack: cloud, serving: { kind: 'managed', cloud } },
  ]),
];

describe('no secret in any generated file', () => {
  it.each(ALL)(
    '%s: secretlint (recommended preset) and the key-name deny-list find nothing',
    async (_name, plan) => {
      const files = renderLifecycle(TEMPLATE, plan);
      const found: string[] = [];
      for (const artifact of files) found.push(...(await secretlint(artifact)), ...denyList(artifact));
      expect(found).toEqual([]);
      expect(checkSecrets(files)).toEqual([]);
    },
    60_000,
  );

  it('the deny-list reads the files: credentials appear, each as a reference', () => {
    const files = renderLifecycle(TEMPLATE, PLANS.fraudKserve);
    const credentials = files.flatMap((artifact) =>
      assignments(artifact).filter(({ key }) => DENY.test(key) && !LOCATES.test(key)),
    );
    expect(credentials.length).toBeGreaterThan(5);
    expect(credentials.map(({ value }) => value)).toEqual(
      expect.arrayContaining(['${{ secrets.MLFLOW_TRACKING_PASSWORD }}', '']),
    );
  });
});

describe('a planted secret is caught', () => {
  // Built from parts, so that this test file is not itself a finding for a scanner run over the repo.
  const AWS_KEY = ['AKIA', 'QYLPMN5HHHFPZAM2'].join('');
  const AWS_SECRET = ['Vq3kP9sLm2Xw8Rt5Yz1B', 'n4Cd7Fg0Hj6Kl2Mn9Pq3'].join('');
  const plant = (path: string, line: string): Artifact[] =>
    renderLifecycle(TEMPLATE, PLANS.fraudKserve).map((artifact) =>
      artifact.path === path ? { ...artifact, content: `${artifact.content}${line}\n` } : artifact,
    );

  it('secretlint: an AWS secret access key and a password in a database URL', async () => {
    // secretlint-rule-aws reports the secret half of a key pair; the key id alone is not a secret to it.
    const env = plant('mlops/.env.example', `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`).find((a) =>
      a.path.endsWith('.env.example'),
    );
    expect((await secretlint(env as Artifact)).join('\n')).toMatch(
      /\.env\.example:\d+: @secretlint\/secretlint-rule-aws: found AWS Secret Access Key/,
    );
    const compose = {
      path: 'mlops/tracking/mlflow.yaml',
      content: 'uri: postgresql://mlflow:hunter2secret@db.internal:5432/mlflow\n',
    };
    expect((await secretlint(compose)).join('\n')).toMatch(/secretlint-rule-database-connection-string/);
  });

  it('the deny-list: password: hunter2 in YAML, a literal in shell and Python, the AWS key by its name', () => {
    const cases: [Artifact, RegExp][] = [
      [
        { path: 'mlops/tracking/mlflow.yaml', content: 'auth:\n  password: hunter2\n' },
        /auth\.password: password holds "hunter2"/,
      ],
      [
        {
          path: 'mlops/tracking/mlflow.yaml',
          content: 'env:\n  - name: MLFLOW_TRACKING_PASSWORD\n    value: hunter2\n',
        },
        /MLFLOW_TRACKING_PASSWORD holds "hunter2"/,
      ],
      [{ path: 'mlops/deploy/release.sh', content: 'export API_TOKEN=abc123\n' }, /API_TOKEN holds "abc123"/],
      [{ path: 'mlops/registry/promote.py', content: 'password = "hunter2"\n' }, /password holds "hunter2"/],
      [
        { path: 'mlops/.env.example', content: `AWS_ACCESS_KEY_ID=${AWS_KEY}\n` },
        /AWS_ACCESS_KEY_ID holds "AKIA/,
      ],
    ];
    for (const [artifact, expected] of cases) expect(denyList(artifact).join('\n')).toMatch(expected);
    // References stay quiet.
    expect(
      denyList({
        path: 'mlops/x.yaml',
        content:
          'password: ${MLFLOW_TRACKING_PASSWORD}\ntoken: ${{ secrets.TOKEN }}\nenv:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: s, key: k}\nsecret:\n',
      }),
    ).toEqual([]);
  });

  it("the product's own checkSecrets catches password: hunter2 and an AWS access key id", () => {
    const yaml = plant('mlops/tracking/mlflow.yaml', 'password: hunter2');
    expect(checkSecrets(yaml).join('\n')).toMatch(
      /mlops\/tracking\/mlflow\.yaml:\d+: password holds a value/,
    );
    const env = plant('mlops/.env.example', `AWS_ACCESS_KEY_ID=${AWS_KEY}`);
    expect(checkSecrets(env).join('\n')).toMatch(/\.env\.example:\d+: holds an AWS access key id/);
  });
});
