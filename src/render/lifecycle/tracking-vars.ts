/**
 * The variables `mlops/.env.example` lists: the tracking server's (self-hosted) or the client's of
 * the tracker the team already runs, and the deployment files'. Secrets never carry a value.
 */
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { deploymentVariables } from './deployment-vars.js';
import type { EnvGroup, EnvVar } from './env-example.js';
import { artifactScheme } from './manifests.js';

const CLIENT: readonly EnvVar[] = [
  {
    name: 'MLFLOW_TRACKING_URI',
    about: 'Where training jobs, CI and the promotion script reach the tracking server.',
    example: 'http://localhost:5000',
    secret: false,
  },
  {
    name: 'MLFLOW_TRACKING_USERNAME',
    about: 'A user created with the auth API for jobs and CI; not the admin.',
    secret: false,
  },
  { name: 'MLFLOW_TRACKING_PASSWORD', about: "That user's password.", secret: true },
];

const AUTH: readonly EnvVar[] = [
  {
    name: 'MLFLOW_ADMIN_USERNAME',
    about: 'The basic-auth admin created on first start.',
    example: 'mlflow-admin',
    secret: false,
  },
  {
    name: 'MLFLOW_ADMIN_PASSWORD',
    about: 'The admin password: long and random, from your secret manager (a % is fine).',
    secret: true,
  },
  {
    name: 'MLFLOW_FLASK_SERVER_SECRET_KEY',
    about: 'Signs CSRF tokens of the auth app; the same on every replica (e.g. 32 random bytes, hex).',
    secret: true,
  },
];

function serverVariables(plan: LifecyclePlan): EnvVar[] {
  const { tracking } = plan;
  if (tracking.kind === 'mlflow-compose')
    return [
      { name: 'POSTGRES_USER', about: 'Owner of the tracking database.', example: 'mlflow', secret: false },
      {
        name: 'POSTGRES_PASSWORD',
        about: 'Password of the tracking database; URL-safe characters only (it goes into a URI).',
        secret: true,
      },
      { name: 'POSTGRES_DB', about: 'The tracking database.', example: 'mlflow', secret: false },
      ...AUTH,
      {
        name: 'MLFLOW_SERVER_ALLOWED_HOSTS',
        about: 'Host headers the server accepts: the names users and jobs reach it by, with the port.',
        example: 'localhost,localhost:5000,mlflow,mlflow:5000',
        secret: false,
      },
      {
        name: 'MLFLOW_BIND_ADDRESS',
        about: 'Host address the server is published on; 127.0.0.1 keeps it behind a local TLS proxy.',
        example: '127.0.0.1',
        secret: false,
      },
    ];
  if (tracking.kind === 'mlflow-kubernetes') {
    const service = `${plan.name}-mlflow`;
    const scheme = artifactScheme(plan);
    return [
      {
        name: 'MLFLOW_BACKEND_STORE_URI',
        about:
          'The Postgres database of runs and the registry: postgresql+psycopg2://USER:PASSWORD@HOST:5432/DB.',
        secret: true,
      },
      {
        name: 'MLFLOW_AUTH_DATABASE_URI',
        about: 'Users and permissions of the auth app: a second database on the same Postgres.',
        secret: true,
      },
      ...AUTH,
      {
        name: 'MLFLOW_ARTIFACTS_DESTINATION',
        about: `The bucket MLflow stores artifacts in; model servers read versions from it (${scheme}://).`,
        example: `${scheme}://${plan.name}-mlflow-artifacts`,
        secret: false,
      },
      {
        name: 'MLFLOW_SERVER_ALLOWED_HOSTS',
        about: 'Host headers the server accepts: the Service name (with the port) and the ingress host.',
        example: `${service},${service}:5000,${service}.*,${service}.*:5000`,
        secret: false,
      },
      ...(scheme === 's3'
        ? [
            { name: 'AWS_ACCESS_KEY_ID', about: 'Object-store key of the tracking server.', secret: true },
            {
              name: 'AWS_SECRET_ACCESS_KEY',
              about: 'Object-store secret of the tracking server.',
              secret: true,
            },
            {
              name: 'MLFLOW_S3_ENDPOINT_URL',
              about:
                'Only for an S3-compatible store (MinIO, Ceph): uncomment with its URL. Unset for AWS S3.',
              example: 'https://minio.internal:9000',
              secret: false,
              optional: true,
            },
          ]
        : []),
    ];
  }
  return existingTrackerVariables(tracking.tool);
}

/** What a client of a tracker the team already runs needs. */
function existingTrackerVariables(tool: string): EnvVar[] {
  const t = tool.toLowerCase();
  if (t.includes('vertex'))
    return [
      { name: 'GOOGLE_CLOUD_PROJECT', about: 'The project holding Vertex AI Experiments.', secret: false },
      { name: 'GOOGLE_CLOUD_REGION', about: 'Its region.', example: 'europe-west4', secret: false },
    ];
  if (t.includes('sagemaker'))
    return [
      {
        name: 'MLFLOW_TRACKING_URI',
        about: 'The ARN of the SageMaker managed MLflow tracking server (arn:aws:sagemaker:...).',
        secret: false,
      },
      { name: 'AWS_REGION', about: 'Its region.', example: 'eu-west-1', secret: false },
    ];
  if (t.includes('databricks'))
    return [
      { name: 'MLFLOW_TRACKING_URI', about: "Databricks' MLflow.", example: 'databricks', secret: false },
      {
        name: 'MLFLOW_REGISTRY_URI',
        about: 'Unity Catalog registry.',
        example: 'databricks-uc',
        secret: false,
      },
      { name: 'DATABRICKS_HOST', about: 'The workspace URL.', secret: false },
      { name: 'DATABRICKS_TOKEN', about: "A service principal's token, not a person's.", secret: true },
    ];
  if (t.includes('azure'))
    return [
      {
        name: 'MLFLOW_TRACKING_URI',
        about: "The workspace's MLflow URI (az ml workspace show --query mlflow_tracking_uri).",
        secret: false,
      },
      { name: 'AZURE_SUBSCRIPTION_ID', about: 'The subscription.', secret: false },
      { name: 'AZURE_RESOURCE_GROUP', about: 'The resource group.', secret: false },
      { name: 'AZURE_ML_WORKSPACE', about: 'The workspace.', secret: false },
    ];
  if (t.includes('w&b') || t.includes('wandb') || t.includes('weights'))
    return [
      { name: 'WANDB_API_KEY', about: "A service account's API key.", secret: true },
      { name: 'WANDB_ENTITY', about: 'The team.', secret: false },
      { name: 'WANDB_PROJECT', about: 'The project.', secret: false },
    ];
  if (t.includes('neptune'))
    return [
      { name: 'NEPTUNE_API_TOKEN', about: "A service account's API token.", secret: true },
      { name: 'NEPTUNE_PROJECT', about: 'workspace/project.', secret: false },
    ];
  return [...CLIENT];
}

/** Every variable the tracking and deployment files read, grouped by who reads it. */
export function environmentGroups(plan: LifecyclePlan): EnvGroup[] {
  const { tracking } = plan;
  const selfHosted = tracking.kind !== 'existing';
  const groups: EnvGroup[] = [
    {
      title:
        tracking.kind === 'existing' ? `Tracking: ${tracking.tool}` : 'Tracking server (mlops/tracking/)',
      vars: serverVariables(plan),
    },
  ];
  if (selfHosted) groups.push({ title: 'Clients of the tracking server (jobs, CI)', vars: CLIENT });
  const deploy = deploymentVariables(plan);
  if (deploy.length > 0) groups.push({ title: 'Deployment (mlops/deploy/)', vars: deploy });
  return groups;
}
