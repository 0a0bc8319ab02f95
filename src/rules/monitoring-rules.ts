/**
 * Rules over observed production metrics (drift, accuracy, errors, latency), each with its
 * threshold, the action it calls for and why. Pure; used where a session has observed values.
 */
export interface Observed {
  /** Population stability index of a feature or of the predictions against the reference window. */
  readonly psi?: number;
  /** Relative accuracy drop against the model's evaluation (0.07 = 7% lower). */
  readonly accuracyDrop?: number;
  /** Share of requests that failed. */
  readonly errorRate?: number;
  /** P95 latency over its target, and for how long (minutes). */
  readonly p95OverTarget?: number;
  readonly p95Minutes?: number;
}

export interface MonitoringFinding {
  readonly id: string;
  readonly action: 'monitor' | 'investigate' | 'retrain' | 'alert' | 'page';
  readonly message: string;
}

const pct = (value: number): string => `${Number((value * 100).toFixed(2)).toString()}%`;

export function monitoringRules(observed: Observed): MonitoringFinding[] {
  const out: MonitoringFinding[] = [];
  const { psi, accuracyDrop, errorRate, p95OverTarget, p95Minutes } = observed;
  if (psi !== undefined && psi > 0.25)
    out.push({
      id: 'drift-retrain',
      action: 'retrain',
      message: `PSI ${psi.toFixed(2)} is over 0.25: the inputs have shifted enough that the model is scoring a different population; retrain on recent data.`,
    });
  else if (psi !== undefined && psi > 0.2)
    out.push({
      id: 'drift-investigate',
      action: 'investigate',
      message: `PSI ${psi.toFixed(2)} is over 0.2: find which features moved and whether it is a pipeline bug or a real change before it reaches 0.25.`,
    });
  else if (psi !== undefined && psi >= 0.1)
    out.push({
      id: 'drift-monitor',
      action: 'monitor',
      message: `PSI ${psi.toFixed(2)} is between 0.1 and 0.2: a moderate shift; watch its trend.`,
    });
  if (accuracyDrop !== undefined && accuracyDrop > 0.1)
    out.push({
      id: 'accuracy-retrain',
      action: 'retrain',
      message: `Accuracy is ${pct(accuracyDrop)} below its evaluation, over 10%: retrain, and roll back to the previous model if it did better.`,
    });
  else if (accuracyDrop !== undefined && accuracyDrop > 0.05)
    out.push({
      id: 'accuracy-investigate',
      action: 'investigate',
      message: `Accuracy is ${pct(accuracyDrop)} below its evaluation, over 5%: check the labels and the input drift before it passes 10%.`,
    });
  if (errorRate !== undefined && errorRate > 0.05)
    out.push({
      id: 'errors-page',
      action: 'page',
      message: `${pct(errorRate)} of requests fail, over 5%: users are affected now; page the on-call.`,
    });
  else if (errorRate !== undefined && errorRate > 0.01)
    out.push({
      id: 'errors-alert',
      action: 'alert',
      message: `${pct(errorRate)} of requests fail, over 1%: alert before it eats the error budget.`,
    });
  if (p95OverTarget !== undefined && p95OverTarget > 1.5 && (p95Minutes ?? 0) >= 10)
    out.push({
      id: 'latency-alert',
      action: 'alert',
      message: `P95 has been ${p95OverTarget.toFixed(1)}x its target for ${String(p95Minutes)} minutes (over 1.5x for 10): alert; a sustained tail means saturation, not noise.`,
    });
  return out;
}
