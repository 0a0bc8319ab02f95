/**
 * The model card: YAML front matter a tool can read (the model, its owners, metrics, the approval)
 * and the sections a reviewer reads before approving a production version. Required at production
 * governance. The sections name what to write and the numbers that matter; the team fills them.
 */
import { formatPercent } from '../../estimation/index.js';
import { stringify } from 'yaml';
import { headingText } from '../markdown-inline.js';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { registeredModel } from './registry.js';

const MODEL_CARD = 'mlops/model_card.md';

export function modelCardFiles(plan: LifecyclePlan): Artifact[] {
  if (!plan.writes.modelCard) return [];
  const { monitoring } = plan;
  const direction = monitoring.lowerIsBetter ? 'lower is better' : 'higher is better';
  const front = {
    model: registeredModel(plan, 'production'),
    title: plan.title,
    model_type: plan.modelType,
    framework: plan.framework,
    governance: plan.governance,
    regulated: plan.regulated,
    version: 'the registry version this card was reviewed with',
    owners: [],
    primary_metric: { name: monitoring.qualityMetric, direction },
    approval: { required: plan.gates.approval, approved_by: null, approved_at: null },
  };
  const sections = [
    `# Model card: ${headingText(plan.title)}`,
    '## Model details',
    `A ${plan.modelType} model trained in ${plan.framework}, served ${servingWords(plan)}. Record the architecture, the training run (its id in the tracking server), the code commit and the data version: the registry tags carry the same values, and they must match.`,
    '## Intended use',
    'Who uses the predictions, for which decision, and what a person does with a wrong one. Name the population the model was built for.',
    '## Out of scope',
    'Uses the model was not evaluated for and must not be used for, and populations it has not seen.',
    '## Training data',
    'Source, time window, size, how labels were made, known gaps and skews, and how personal data was minimised.',
    '## Evaluation',
    `The holdout (its window and size), ${monitoring.qualityMetric} (${direction}) overall and for every slice that matters: segments, regions, device types, and protected groups where the law or the policy asks for them. A model that is better on average and worse for one slice is not better.`,
    '## Monitoring',
    `Feature drift is watched as PSI: ${String(monitoring.psi.monitor)} to ${String(monitoring.psi.investigate)} is watched, over ${String(monitoring.psi.investigate)} is investigated, over ${String(monitoring.psi.retrain)} triggers retraining. A drop in ${monitoring.qualityMetric} of more than ${formatPercent(monitoring.accuracyDrop.investigate)} is investigated, more than ${formatPercent(monitoring.accuracyDrop.retrain)} retrains at once.`,
    '## Ethical considerations',
    'Who could be harmed by an error, how errors are distributed across groups, and what mitigations were applied.',
    '## Limitations',
    'Where the model is known to fail, and the inputs it should refuse.',
    ...(plan.gates.privacyChecks
      ? [
          '## Privacy',
          'The personal data the model reads, the legal basis for it, the retention of inputs and predictions, and who may read the prediction logs (GDPR, HIPAA as they apply).',
        ]
      : []),
    '## Approval',
    plan.gates.approval
      ? 'Approved in the CI platform (the protected production environment); the approver is recorded in the front matter and as the approved_by tag of the version.'
      : 'Reviewed by the owners before the version is promoted.',
  ];
  return [
    {
      path: MODEL_CARD,
      content: `---\n${stringify(front, { lineWidth: 0 })}---\n\n${sections.join('\n\n')}\n`,
    },
  ];
}

function servingWords(plan: LifecyclePlan): string {
  switch (plan.serving.kind) {
    case 'kserve':
      return `by KServe (${plan.serving.mode} mode)`;
    case 'deployment':
      return 'by a Kubernetes Deployment';
    case 'managed':
      return `from a managed endpoint (${plan.serving.cloud})`;
    case 'compose':
      return 'by docker compose on virtual machines';
    case 'edge':
      return `on devices, exported to ${plan.serving.format}`;
    case 'none':
      return 'in batch';
  }
}
