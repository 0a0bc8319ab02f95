/** The values each lifecycle choice question accepts, with the words a colleague would use for them. */
import type { Choice } from './choices.js';
import type { Ci, Framework, ModelType } from './plan-types.js';
import type { Cloud, ModelServer, Orchestrator } from './plan.js';
import type { DeploymentTarget, Governance, Platform, Practice, Stack } from './rules.js';

export const MODEL_TYPE_CHOICES: readonly Choice<ModelType>[] = [
  {
    value: 'classification',
    label: 'Classification',
    words: ['classif\\w*', 'classifier', 'fraud', 'churn', 'binary', 'multi-?class'],
  },
  { value: 'regression', label: 'Regression', words: ['regress\\w*', 'price prediction', 'estimate'] },
  { value: 'clustering', label: 'Clustering', words: ['cluster\\w*', 'segmentation'] },
  { value: 'ranking', label: 'Ranking', words: ['rank\\w*', 'learning to rank', 'search relevance'] },
  {
    value: 'generative',
    label: 'Generative',
    words: ['generative', 'llm', 'gen ?ai', 'large language model', 'text generation', 'chat\\w*'],
  },
  { value: 'time-series', label: 'Time series', words: ['time[- ]?series', 'forecast\\w*'] },
  { value: 'recommendation', label: 'Recommendation', words: ['recommend\\w*', 'recsys'] },
  {
    value: 'computer-vision',
    label: 'Computer vision',
    words: [
      'computer vision',
      'cv',
      'vision',
      'image\\w*',
      'object detection',
      'detector',
      'segmentation model',
    ],
  },
  {
    value: 'nlp',
    label: 'NLP',
    words: ['nlp', 'natural language', 'text classification', 'ner', 'sentiment'],
  },
];

export const FRAMEWORK_CHOICES: readonly Choice<Framework>[] = [
  { value: 'sklearn', label: 'scikit-learn', words: ['scikit[- ]?learn', 'sk-?learn'] },
  { value: 'xgboost', label: 'XGBoost', words: ['xgb\\w*'] },
  { value: 'lightgbm', label: 'LightGBM', words: ['light ?gbm', 'lgbm'] },
  { value: 'pytorch', label: 'PyTorch', words: ['py-?torch', 'torch', 'lightning'] },
  { value: 'tensorflow', label: 'TensorFlow', words: ['tensor-?flow', 'tf', 'keras'] },
  { value: 'onnx', label: 'ONNX', words: ['onnx'] },
  {
    value: 'huggingface',
    label: 'Hugging Face transformers',
    words: ['hugging ?face', 'hf', 'transformers?'],
  },
  { value: 'custom', label: 'Custom (packaged as an MLflow pyfunc)', words: ['custom', 'other', 'in-house'] },
];

export const TARGET_CHOICES: readonly Choice<DeploymentTarget>[] = [
  { value: 'batch', label: 'Batch', words: ['batch', 'nightly', 'offline scoring', 'scheduled scoring'] },
  {
    value: 'online',
    label: 'Online',
    words: ['online', 'real[- ]?time', 'api', 'endpoint', 'rest', 'grpc', 'per request'],
  },
  { value: 'edge', label: 'Edge', words: ['edge', 'on[- ]device', 'mobile', 'camera'] },
  { value: 'embedded', label: 'Embedded', words: ['embedded', 'firmware', 'micro-?controller', 'mcu'] },
  {
    value: 'hybrid',
    label: 'Hybrid (batch and online)',
    words: ['hybrid', 'both', 'batch and online', 'online and batch'],
  },
];

export const TRAINING_CHOICES: readonly Choice<Practice['training']>[] = [
  {
    value: 'manual',
    label: 'By hand',
    words: ['manual\\w*', 'by hand', 'notebooks?', 'jupyter', 'ad[- ]hoc'],
  },
  {
    value: 'scripted',
    label: 'A script someone runs',
    words: ['script\\w*', 'cron', 'make(?:file)?', 'a python file'],
  },
  {
    value: 'pipeline',
    label: 'An automated pipeline',
    words: ['pipelines?', 'automated', 'orchestrat\\w*', 'airflow', 'kubeflow', 'argo'],
  },
];

export const DEPLOYMENT_CHOICES: readonly Choice<Practice['deployment']>[] = [
  {
    value: 'manual',
    label: 'By hand',
    words: ['manual\\w*', 'by hand', 'copy', 'ssh', 'not deployed', 'never'],
  },
  { value: 'scripted', label: 'A script', words: ['script\\w*', 'make(?:file)?', 'ansible'] },
  {
    value: 'ci-cd',
    label: 'A CI/CD pipeline',
    words: [
      'ci ?/? ?cd',
      'cicd',
      'continuous delivery',
      'continuous deployment',
      'github actions',
      'gitlab',
      'jenkins',
      'argo ?cd',
      'automated',
    ],
  },
];

export const RETRAINING_CHOICES: readonly Choice<Practice['retraining']>[] = [
  { value: 'never', label: 'Never', words: ['never', 'not yet', 'no', 'once'] },
  {
    value: 'manual',
    label: 'By hand, when someone notices',
    words: [
      'manual\\w*',
      'by hand',
      'ad[- ]hoc',
      'when needed',
      'occasionally',
      'when (?:someone|somebody|we|people) notices?',
      'on request',
    ],
  },
  {
    value: 'scheduled',
    label: 'On a schedule',
    words: ['schedul\\w*', 'weekly', 'daily', 'nightly', 'monthly', 'cron'],
  },
  {
    value: 'triggered',
    label: 'On a trigger (drift, performance)',
    words: ['trigger\\w*', 'drift', 'automatic\\w*', 'on performance'],
  },
];

export const GOVERNANCE_CHOICES: readonly Choice<Governance>[] = [
  {
    value: 'experimental',
    label: 'Experimental',
    words: ['experiment\\w*', 'poc', 'proof of concept', 'prototype', 'research'],
  },
  { value: 'staging', label: 'Staging', words: ['staging', 'pre-?prod\\w*', 'pilot', 'beta'] },
  { value: 'production', label: 'Production', words: ['prod\\w*', 'live', 'customer[- ]facing'] },
];

export const STACK_CHOICES: readonly Choice<Stack>[] = [
  { value: 'mlflow', label: 'MLflow', words: ['ml ?flow'] },
  { value: 'kubeflow', label: 'Kubeflow', words: ['kubeflow', 'kfp'] },
  { value: 'vertex_ai', label: 'Vertex AI', words: ['vertex(?: ai)?', 'gcp vertex', 'google vertex'] },
  { value: 'sagemaker', label: 'SageMaker', words: ['sage ?maker', 'aws sagemaker'] },
  { value: 'azure_ml', label: 'Azure ML', words: ['azure ?ml', 'azure machine learning'] },
  { value: 'databricks', label: 'Databricks', words: ['databricks'] },
  { value: 'neptune', label: 'Neptune', words: ['neptune(?:\\.ai)?'] },
  { value: 'wandb', label: 'Weights & Biases', words: ['w ?& ?b', 'wandb', 'weights (?:&|and) biases'] },
  { value: 'custom', label: 'Custom', words: ['custom', 'in-house', 'homegrown', 'home-grown'] },
  { value: 'none', label: 'None', words: ['none', 'nothing', 'no', 'notebooks? only', 'greenfield'] },
];

export const PLATFORM_CHOICES: readonly Choice<Platform>[] = [
  {
    value: 'kubernetes',
    label: 'Kubernetes',
    words: ['kubernetes', 'k8s', 'eks', 'gke', 'aks', 'openshift'],
  },
  {
    value: 'kubernetes-kserve',
    label: 'Kubernetes with KServe',
    words: ['kserve', '(?:kubernetes|k8s) (?:with|and|\\+) kserve'],
  },
  {
    value: 'cloud-managed',
    label: 'A managed cloud ML platform',
    words: ['cloud[- ]managed', 'managed', 'serverless', 'cloud'],
  },
  {
    value: 'vms',
    label: 'Virtual machines',
    words: ['vms?', 'virtual machines?', 'ec2', 'bare[- ]metal', 'on[- ]prem\\w*', 'servers?', 'docker'],
  },
];

export const CLOUD_CHOICES: readonly Choice<Cloud>[] = [
  { value: 'aws', label: 'AWS', words: ['aws', 'amazon'] },
  { value: 'gcp', label: 'Google Cloud', words: ['gcp', 'google(?: cloud)?'] },
  { value: 'azure', label: 'Azure', words: ['azure', 'microsoft'] },
];

export const KSERVE_MODE_CHOICES: readonly Choice<'Standard' | 'Knative'>[] = [
  {
    value: 'Standard',
    label: 'Standard (Deployments and an HPA)',
    words: ['standard', 'raw ?deployment', 'raw', 'default', 'hpa'],
  },
  { value: 'Knative', label: 'Knative (serverless)', words: ['knative', 'serverless', 'scale to zero'] },
];

export const SERVER_CHOICES: readonly Choice<ModelServer>[] = [
  { value: 'auto', label: 'Picked by framework', words: ['auto', 'any', 'not chosen', 'none', 'no', 'pick'] },
  { value: 'torchserve', label: 'TorchServe', words: ['torch ?serve'] },
  {
    value: 'tensorflow-serving',
    label: 'TensorFlow Serving',
    words: ['tf[- ]?serving', 'tensorflow serving', 'tfs'],
  },
  { value: 'triton', label: 'Triton', words: ['triton', 'nvidia triton'] },
  { value: 'tflite', label: 'TensorFlow Lite', words: ['tf ?lite', 'tensorflow lite', 'litert'] },
];

export const ORCHESTRATOR_CHOICES: readonly Choice<Orchestrator>[] = [
  { value: 'airflow', label: 'Airflow', words: ['airflow', 'mwaa', 'cloud composer', 'astronomer'] },
  { value: 'argo', label: 'Argo Workflows', words: ['argo(?: workflows)?'] },
  { value: 'kubeflow', label: 'Kubeflow Pipelines', words: ['kubeflow', 'kfp'] },
  { value: 'none', label: 'None', words: ['none', 'no', 'nothing', 'cron'] },
];

export const CI_CHOICES: readonly Choice<Ci>[] = [
  { value: 'github', label: 'GitHub Actions', words: ['github(?: actions)?', 'gh actions', 'gha'] },
  { value: 'gitlab', label: 'GitLab CI', words: ['gitlab(?: ci)?'] },
  { value: 'none', label: 'None', words: ['none', 'no', 'nothing'] },
];
