/**
 * The MLflow project: `MLproject` (entry points for training and evaluation, their parameters
 * typed) and its python environment, pinned to the framework's current major line. A run is then
 * `mlflow run mlops/project -e main`, from a laptop or the retraining pipeline alike.
 */
import { stringify } from 'yaml';
import type { Artifact } from '../../output/artifacts.js';
import type { Framework, LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';

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

/** A commented YAML file: the comment block first, then the value as the library writes it. */
export function commented(path: string, comment: readonly string[], value: unknown): Artifact {
  const header = comment.map((line) => (line === '' ? '#' : `# ${line}`)).join('\n');
  return { path, content: `${header}\n${stringify(value, { lineWidth: 0 })}` };
}

export function projectFiles(plan: LifecyclePlan): Artifact[] {
  const { name, monitoring } = plan;
  const staging = `${name}-staging`;
  const mlproject = {
    name,
    python_env: 'python_env.yaml',
    entry_points: {
      main: {
        parameters: {
          training_data: { type: 'uri', default: `s3://${name}-data/training/latest` },
          seed: { type: 'float', default: 42 },
        },
        command: 'python train.py --training-data {training_data} --seed {seed}',
      },
      evaluate: {
        parameters: {
          candidate: { type: 'string', default: `models:/${staging}@challenger` },
          champion: { type: 'string', default: `models:/${staging}@champion` },
          holdout: { type: 'uri', default: `s3://${name}-data/holdout/latest` },
          min_gain: { type: 'float', default: 0 },
        },
        command:
          'python evaluate.py --candidate {candidate} --champion {champion} --holdout {holdout} --min-gain {min_gain}',
      },
    },
  };
  const env = {
    python: '3.12',
    build_dependencies: ['pip'],
    dependencies: ['mlflow>=3.5,<4', ...FRAMEWORK_PACKAGES[plan.framework], 'pandas>=2.2,<3'],
  };
  return [
    commented(
      `${PROJECT_DIR}/MLproject`,
      [
        `The MLflow project for ${plan.title}. Put train.py and evaluate.py beside this file (or`,
        'point the commands at where they live), then run `mlflow run mlops/project -e main`.',
        '',
        'train.py logs parameters (the seed, the data version), metrics and the model with its',
        'signature, and registers the version in the staging registered model with the tags the',
        'registry policy requires (git_commit, data_version, validation_status=pending).',
        `evaluate.py scores the challenger and the champion on the same holdout and passes only`,
        `when the challenger's ${monitoring.qualityMetric} is ${monitoring.lowerIsBetter ? 'lower' : 'higher'} by at least min_gain.`,
        'A fixed seed makes two runs on the same data give the same model.',
      ],
      mlproject,
    ),
    commented(
      `${PROJECT_DIR}/python_env.yaml`,
      [
        "The run's environment. Ranges hold each package to its current major line: a new major",
        'version is an upgrade to test, not something a retraining run picks up on its own.',
      ],
      env,
    ),
  ];
}
