/**
 * The MLflow project: `MLproject` (entry points for training and evaluation, their parameters
 * typed) and its python environment, pinned to the framework's current major line. A run is then
 * `mlflow run mlops/project -e main`, from a laptop or the retraining pipeline alike.
 */
import type { Artifact } from '../../output/artifacts.js';
import type { Framework, LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { commentedYaml } from './yaml-doc.js';

/** The framework's package and the range its current major line allows. */
const FRAMEWORK_PACKAGES: Readonly<Record<Framework, readonly string[]>> = {
  sklearn: ['scikit-learn>=1.5,<2'],
  xgboost: ['xgboost>=2.1,<4', 'scikit-learn>=1.5,<2'],
  lightgbm: ['lightgbm>=4.5,<5', 'scikit-learn>=1.5,<2'],
  pytorch: ['torch>=2.4,<3'],
  tensorflow: ['tensorflow>=2.17,<3'],
  onnx: ['onnx>=1.16,<2', 'onnxruntime>=1.19,<2'],
  huggingface: ['transformers>=4.44,<5', 'torch>=2.4,<3'],
  custom: [],
};

export const PROJECT_DIR = 'mlops/project';

export function projectFiles(plan: LifecyclePlan): Artifact[] {
  const { name, monitoring } = plan;
  const data = { type: 'uri', default: `s3://${name}-data/training/latest` };
  const train = {
    parameters: {
      training_data: data,
      data_version: { type: 'string', default: 'latest' },
      seed: { type: 'float', default: 42 },
    },
    command: 'python train.py --training-data {training_data} --data-version {data_version} --seed {seed}',
  };
  const mlproject = {
    name,
    python_env: 'python_env.yaml',
    entry_points: {
      // `mlflow run mlops/project` runs main: the same training run as `-e train`.
      main: train,
      validate_data: {
        parameters: { training_data: data },
        command: 'python validate_data.py --training-data {training_data}',
      },
      train,
    },
  };
  const env = {
    python: '3.12',
    build_dependencies: ['pip'],
    dependencies: ['mlflow>=3.5,<4', ...FRAMEWORK_PACKAGES[plan.framework], 'pandas>=2.2,<3'],
  };
  return [
    commentedYaml(
      `${PROJECT_DIR}/MLproject`,
      [
        `The MLflow project for ${plan.title}. Put validate_data.py and train.py beside this file`,
        '(or point the commands at where they live); the retraining pipeline runs',
        '`mlflow run mlops/project -e validate_data`, then `-e train`, then mlops/retraining/steps.py.',
        '',
        'validate_data.py fails the run on a schema break, null rates or row counts outside their',
        'bounds: a model trained on broken data is worse than no new model.',
        `train.py logs the data_version parameter, the seed, ${monitoring.qualityMetric} on the held-out split`,
        `(${monitoring.lowerIsBetter ? 'lower' : 'higher'} is better; steps.py compares it with the production @champion's)`,
        'and the model under the artifact path "model" with its signature (mlflow.models.infer_signature).',
        'A fixed seed makes two runs on the same data give the same model.',
      ].join('\n'),
      mlproject,
    ),
    commentedYaml(
      `${PROJECT_DIR}/python_env.yaml`,
      [
        "The run's environment. Ranges hold each package to its current major line: a new major",
        'version is an upgrade to test, not something a retraining run picks up on its own.',
      ].join('\n'),
      env,
    ),
  ];
}
