/**
 * The tracking server: MLflow has no server configuration file, so a self-hosted tracking server is
 * `mlflow server` flags and environment variables, in a Kubernetes Deployment or a compose file.
 * Plus `mlops/.env.example`, listing every variable the tracking and deployment files read.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IService } from 'kubernetes-models/v1/Service';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { envExampleFile } from './env-example.js';
import { environmentGroups } from './tracking-vars.js';
import {
  artifactScheme,
  containerSecurityContext,
  labelsOf,
  MLFLOW_IMAGE,
  podSecurityContext,
  selectorOf,
  yamlDocs,
} from './manifests.js';

const PORT = 5000;
const AUTH_DIR = '/etc/mlflow-auth';
const AUTH_FILE = `${AUTH_DIR}/basic_auth.ini`;

/**
 * Writes the basic-auth app's ini file from environment variables at start-up. MLflow reads the
 * admin password only from that file, and the file shipped in the package holds a public default
 * password, so the file is built from the secret each time instead. `%` is doubled because MLflow
 * reads the file with configparser's interpolation.
 */
const WRITE_AUTH_INI = [
  'import configparser, os',
  'e = lambda k: os.environ[k].replace("%", "%%")',
  'c = configparser.ConfigParser(interpolation=None)',
  'c["mlflow"] = {"default_permission": "READ", "database_uri": e("MLFLOW_AUTH_DATABASE_URI"),',
  '    "admin_username": e("MLFLOW_ADMIN_USERNAME"), "admin_password": e("MLFLOW_ADMIN_PASSWORD")}',
  `with open("${AUTH_FILE}", "w") as f: c.write(f)`,
].join('\n');

/** The name of the Kubernetes Secret made from `mlops/.env`. */
function secretName(plan: LifecyclePlan): string {
  return `${plan.name}-mlflow`;
}

function fromSecret(plan: LifecyclePlan, key: string, optional = false): IEnvVar {
  return {
    name: key,
    valueFrom: { secretKeyRef: { name: secretName(plan), key, ...(optional ? { optional: true } : {}) } },
  };
}

function trackingServerArgs(allowedHosts: string, artifacts: string): string[] {
  return [
    '--host',
    '0.0.0.0',
    '--port',
    String(PORT),
    '--app-name',
    'basic-auth',
    '--allowed-hosts',
    allowedHosts,
    '--serve-artifacts',
    '--artifacts-destination',
    artifacts,
  ];
}

function kubernetesTracking(plan: LifecyclePlan): Artifact {
  const name = `${plan.name}-mlflow`;
  const labels = labelsOf(plan, 'tracking');
  const selector = selectorOf(plan, 'tracking');
  const s3 = artifactScheme(plan) === 's3';
  const secretEnv = [
    fromSecret(plan, 'MLFLOW_BACKEND_STORE_URI'),
    fromSecret(plan, 'MLFLOW_ARTIFACTS_DESTINATION'),
    fromSecret(plan, 'MLFLOW_SERVER_ALLOWED_HOSTS'),
    fromSecret(plan, 'MLFLOW_FLASK_SERVER_SECRET_KEY'),
    ...(s3
      ? [
          fromSecret(plan, 'AWS_ACCESS_KEY_ID'),
          fromSecret(plan, 'AWS_SECRET_ACCESS_KEY'),
          fromSecret(plan, 'MLFLOW_S3_ENDPOINT_URL', true),
        ]
      : []),
  ];
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          securityContext: podSecurityContext,
          automountServiceAccountToken: false,
          initContainers: [
            {
              name: 'auth-config',
              image: MLFLOW_IMAGE,
              command: ['python', '-c', WRITE_AUTH_INI],
              env: [
                fromSecret(plan, 'MLFLOW_AUTH_DATABASE_URI'),
                fromSecret(plan, 'MLFLOW_ADMIN_USERNAME'),
                fromSecret(plan, 'MLFLOW_ADMIN_PASSWORD'),
              ],
              securityContext: containerSecurityContext,
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '500m', memory: '256Mi' },
              },
              volumeMounts: [{ name: 'auth-config', mountPath: AUTH_DIR }],
            },
          ],
          containers: [
            {
              name: 'mlflow',
              image: MLFLOW_IMAGE,
              command: ['mlflow', 'server'],
              args: trackingServerArgs('$(MLFLOW_SERVER_ALLOWED_HOSTS)', '$(MLFLOW_ARTIFACTS_DESTINATION)'),
              ports: [{ name: 'http', containerPort: PORT }],
              env: [
                ...secretEnv,
                { name: 'MLFLOW_AUTH_CONFIG_PATH', value: AUTH_FILE },
                { name: 'HOME', value: '/tmp' },
              ],
              startupProbe: {
                httpGet: { path: '/health', port: 'http' },
                periodSeconds: 10,
                failureThreshold: 30,
              },
              readinessProbe: {
                httpGet: { path: '/health', port: 'http' },
                periodSeconds: 10,
                timeoutSeconds: 3,
                failureThreshold: 3,
              },
              livenessProbe: {
                httpGet: { path: '/health', port: 'http' },
                periodSeconds: 20,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
              securityContext: containerSecurityContext,
              volumeMounts: [
                { name: 'auth-config', mountPath: AUTH_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'auth-config', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } },
            { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
          ],
        },
      },
    },
  };
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: PORT, targetPort: 'http' }] },
  };
  const c = ['spec', 'template', 'spec', 'containers', 0] as const;
  return yamlDocs('mlops/tracking/mlflow.yaml', [
    {
      value: deployment,
      comment: [
        `MLflow tracking server and model registry for ${plan.title}.`,
        `Every credential comes from the Secret "${secretName(plan)}", made from mlops/.env:`,
        `  kubectl create secret generic ${secretName(plan)} --from-env-file=mlops/.env`,
        'No namespace is set: apply with -n <namespace>.',
      ].join('\n'),
      notes: [
        [
          ['spec', 'strategy'],
          'Recreate, not RollingUpdate: a new MLflow version migrates the database schema at start-up,\n' +
            'and two versions migrating the same database at once can leave it half-upgraded.',
        ],
        [
          [...c, 'image'],
          'Pinned, never latest: a minor MLflow release can migrate the database irreversibly, so an\n' +
            'upgrade is a reviewed change with a database backup first. -full carries the Postgres\n' +
            'driver, the object-store clients and the basic-auth app.',
        ],
        [
          [...c, 'args'],
          '--allowed-hosts: since MLflow 3.5 the server refuses Host headers other than localhost and\n' +
            'private addresses; list the Service name and the ingress host here (in the Secret).\n' +
            '--serve-artifacts: clients upload through the server, so only this pod holds the\n' +
            'object-store credentials. The backend store URI is read from MLFLOW_BACKEND_STORE_URI,\n' +
            'not a flag, so the database password never shows in the process list.',
        ],
        [
          ['spec', 'template', 'spec', 'initContainers', 0],
          "Builds the basic-auth ini from the Secret: MLflow's shipped ini has a public default admin\n" +
            'password, and the admin password can only be given in that file.',
        ],
        [
          [...c, 'startupProbe'],
          'Up to 5 minutes (30 x 10 s) for the first start, which creates or migrates the schema.',
        ],
      ],
    },
    { value: service, comment: 'In-cluster address: http://' + name + ':' + String(PORT) },
  ]);
}

function composeTracking(plan: LifecyclePlan): Artifact {
  const db = 'postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/${POSTGRES_DB}';
  const compose = {
    services: {
      postgres: {
        image: 'postgres:17.6',
        restart: 'unless-stopped',
        environment: {
          POSTGRES_USER: '${POSTGRES_USER:?set POSTGRES_USER in mlops/.env}',
          POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in mlops/.env}',
          POSTGRES_DB: '${POSTGRES_DB:?set POSTGRES_DB in mlops/.env}',
        },
        volumes: ['postgres-data:/var/lib/postgresql/data'],
        healthcheck: {
          test: ['CMD-SHELL', 'pg_isready -U "$${POSTGRES_USER}" -d "$${POSTGRES_DB}"'],
          interval: '10s',
          timeout: '5s',
          retries: 5,
          start_period: '30s',
        },
      },
      'mlflow-auth-config': {
        image: MLFLOW_IMAGE,
        command: ['python', '-c', WRITE_AUTH_INI],
        environment: {
          MLFLOW_AUTH_DATABASE_URI: db,
          MLFLOW_ADMIN_USERNAME: '${MLFLOW_ADMIN_USERNAME:?set MLFLOW_ADMIN_USERNAME in mlops/.env}',
          MLFLOW_ADMIN_PASSWORD: '${MLFLOW_ADMIN_PASSWORD:?set MLFLOW_ADMIN_PASSWORD in mlops/.env}',
        },
        volumes: [`mlflow-auth:${AUTH_DIR}`],
        restart: 'no',
      },
      mlflow: {
        image: MLFLOW_IMAGE,
        restart: 'unless-stopped',
        command: [
          'mlflow',
          'server',
          ...trackingServerArgs(
            '${MLFLOW_SERVER_ALLOWED_HOSTS:?set MLFLOW_SERVER_ALLOWED_HOSTS in mlops/.env}',
            '/mlflow/artifacts',
          ),
        ],
        environment: {
          MLFLOW_BACKEND_STORE_URI: db,
          MLFLOW_FLASK_SERVER_SECRET_KEY:
            '${MLFLOW_FLASK_SERVER_SECRET_KEY:?set MLFLOW_FLASK_SERVER_SECRET_KEY in mlops/.env}',
          MLFLOW_AUTH_CONFIG_PATH: AUTH_FILE,
        },
        ports: [`\${MLFLOW_BIND_ADDRESS:-127.0.0.1}:${String(PORT)}:${String(PORT)}`],
        volumes: [`mlflow-auth:${AUTH_DIR}:ro`, 'mlflow-artifacts:/mlflow/artifacts'],
        depends_on: {
          postgres: { condition: 'service_healthy' },
          'mlflow-auth-config': { condition: 'service_completed_successfully' },
        },
        healthcheck: {
          test: [
            'CMD',
            'python',
            '-c',
            `import urllib.request; urllib.request.urlopen("http://localhost:${String(PORT)}/health", timeout=3)`,
          ],
          interval: '15s',
          timeout: '5s',
          retries: 5,
          start_period: '60s',
        },
      },
    },
    volumes: { 'postgres-data': {}, 'mlflow-auth': {}, 'mlflow-artifacts': {} },
  };
  return yamlDocs('mlops/tracking/docker-compose.yaml', [
    {
      value: compose,
      comment: [
        `MLflow tracking server and model registry for ${plan.title}, on one machine.`,
        'Run from mlops/: docker compose --env-file .env -f tracking/docker-compose.yaml up -d',
        'Every secret is a variable from .env; compose stops and names any that is unset.',
      ].join('\n'),
      notes: [
        [
          ['services', 'mlflow', 'image'],
          'Pinned, never latest: a minor MLflow release can migrate the database irreversibly.',
        ],
        [
          ['services', 'mlflow', 'command'],
          '--allowed-hosts: since MLflow 3.5 other Host headers are refused; add the name users reach\n' +
            'the server by. Artifacts are served through the server from a named volume: no object\n' +
            'store to run on a single machine; point --artifacts-destination at s3:// or gs:// to grow.',
        ],
        [
          ['services', 'mlflow', 'ports'],
          'Loopback by default: basic auth over plain HTTP belongs behind a TLS proxy on this host.',
        ],
        [
          ['services', 'mlflow-auth-config'],
          "Writes the basic-auth ini from .env once per start: MLflow's shipped ini has a public\n" +
            'default admin password, and the admin password can only be given in that file.',
        ],
      ],
    },
  ]);
}

/** The tracking server's files and `mlops/.env.example`. */
export function trackingFiles(plan: LifecyclePlan): Artifact[] {
  const header = [
    `Variables read by the generated files of ${plan.title}.`,
    'Copy to mlops/.env (never committed), fill in from your secret manager.',
    plan.tracking.kind === 'mlflow-kubernetes'
      ? `Kubernetes: kubectl create secret generic ${secretName(plan)} --from-env-file=mlops/.env`
      : 'Compose and scripts read them from mlops/.env.',
  ].join('\n');
  const env = envExampleFile(header, environmentGroups(plan));
  switch (plan.tracking.kind) {
    case 'mlflow-kubernetes':
      return [kubernetesTracking(plan), env];
    case 'mlflow-compose':
      return [composeTracking(plan), env];
    case 'existing':
      return [env];
  }
}
