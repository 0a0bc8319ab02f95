/**
 * Edge targets: `export.py` converts the registered model to the device format and refuses to write
 * it when its outputs drift from the original's on sample inputs; `edge-rollout.yaml` ships it to
 * devices in stages with the conditions that halt the rollout.
 */
import { z } from 'zod';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { yamlDocs } from './manifests.js';

type EdgeFormat = 'onnx' | 'tflite' | 'torchscript';

const threshold = z.strictObject({ above: z.number().positive() });
const fraction = z.number().gt(0).lt(1);

/**
 * edge-rollout.yaml is this product's own format (no fleet tool shares one), so its schema lives
 * here: stages that only grow and end at 100%, and halt conditions as fractions.
 */
export const edgeRolloutSchema = z.strictObject({
  model: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
  artifact: z.strictObject({
    format: z.enum(['onnx', 'tflite', 'torchscript']),
    source: z.string().regex(/^models:\/[^@]+@[a-z][a-z0-9_-]*$/),
    export: z.literal('mlops/deploy/export.py'),
  }),
  stages: z
    .array(
      z.strictObject({
        devicesPercent: z.number().int().min(1).max(100),
        soakHours: z.number().int().min(0),
      }),
    )
    .min(1)
    .refine(
      (stages) => stages.every((s, i) => i === 0 || s.devicesPercent > (stages[i - 1]?.devicesPercent ?? 0)),
      {
        message: 'stages must grow',
      },
    )
    .refine((stages) => stages.at(-1)?.devicesPercent === 100, { message: 'the last stage is 100%' }),
  halt: z.strictObject({
    crashRate: z.strictObject({ above: fraction }),
    inferenceErrorRate: z.strictObject({ above: fraction }),
    p95LatencyMs: z
      .strictObject({ above: z.number().positive(), forMinutes: z.number().int().positive() })
      .optional(),
    accuracyDrop: z.strictObject({ above: fraction, metric: z.string().min(1) }),
  }),
  onHalt: z.string().min(1),
  rollback: z.strictObject({
    keepPreviousOnDevice: z.boolean(),
    trigger: z.strictObject({ inferenceErrorRate: threshold }),
  }),
});

type EdgeRollout = z.infer<typeof edgeRolloutSchema>;

export const EDGE_ROLLOUT = 'mlops/deploy/edge-rollout.yaml';

/** float32 conversions agree to about 1e-5; the margin covers operator fusion, not a wrong graph. */
const TOLERANCE = { rtol: 1e-3, atol: 1e-4 };

/** The conversion and the reference outputs, per source framework and target format. */
function conversion(framework: string, format: EdgeFormat): string[] {
  if (framework === 'pytorch' && format === 'onnx')
    return [
      'def convert(model_uri, samples, out):',
      '    import mlflow.pytorch, onnxruntime, torch',
      '    model = mlflow.pytorch.load_model(model_uri).eval()',
      '    x = torch.from_numpy(samples)',
      '    with torch.no_grad():',
      '        expected = model(x).numpy()',
      '    torch.onnx.export(model, (x[:1],), out, input_names=["input"], output_names=["output"],',
      '                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=17)',
      '    session = onnxruntime.InferenceSession(out, providers=["CPUExecutionProvider"])',
      '    return expected, session.run(None, {"input": samples})[0]',
    ];
  if (framework === 'pytorch' && format === 'torchscript')
    return [
      'def convert(model_uri, samples, out):',
      '    import mlflow.pytorch, torch',
      '    model = mlflow.pytorch.load_model(model_uri).eval()',
      '    x = torch.from_numpy(samples)',
      '    with torch.no_grad():',
      '        expected = model(x).numpy()',
      '        torch.jit.trace(model, x[:1]).save(out)',
      '        return expected, torch.jit.load(out)(x).numpy()',
    ];
  if (framework === 'tensorflow' && format === 'tflite')
    return [
      'def convert(model_uri, samples, out):',
      '    import mlflow.tensorflow, tensorflow as tf',
      '    model = mlflow.tensorflow.load_model(model_uri)',
      '    expected = model(samples).numpy()',
      '    with open(out, "wb") as f:',
      '        f.write(tf.lite.TFLiteConverter.from_keras_model(model).convert())',
      '    interpreter = tf.lite.Interpreter(model_path=out)',
      '    inp, outp = interpreter.get_input_details()[0], interpreter.get_output_details()[0]',
      '    interpreter.resize_tensor_input(inp["index"], samples.shape)',
      '    interpreter.allocate_tensors()',
      '    interpreter.set_tensor(inp["index"], samples)',
      '    interpreter.invoke()',
      '    return expected, interpreter.get_tensor(outp["index"])',
    ];
  if (format === 'onnx' && framework === 'onnx')
    return [
      'def convert(model_uri, samples, out):',
      '    import mlflow.onnx, onnx, onnxruntime',
      '    model = mlflow.onnx.load_model(model_uri)',
      '    onnx.checker.check_model(model)',
      '    onnx.save(model, out)',
      '    session = onnxruntime.InferenceSession(out, providers=["CPUExecutionProvider"])',
      '    name = session.get_inputs()[0].name',
      '    expected = mlflow.pyfunc.load_model(model_uri).predict(samples)',
      '    return numpy.asarray(expected), session.run(None, {name: samples})[0]',
    ];
  return [
    'def convert(model_uri, samples, out):',
    `    raise SystemExit("no converter from ${framework} to ${format}: export the model to ${format} in training")`,
  ];
}

function exportPy(plan: LifecyclePlan, format: EdgeFormat): string {
  const suffix = format === 'torchscript' ? 'pt' : format;
  return [
    '"""',
    `Export ${plan.name} to ${format} for devices, and refuse to write it unless the exported model`,
    'agrees with the registered one on sample inputs.',
    '',
    `    python mlops/deploy/export.py --model-uri models:/${plan.name}-production@champion \\`,
    `        --samples samples.npy --out ${plan.name}.${suffix}`,
    '',
    'samples.npy: a float32 array of real inputs (a few hundred rows from the validation set), saved',
    'by the training pipeline. MLFLOW_TRACKING_URI and its credentials come from the environment.',
    `Tolerance: rtol ${String(TOLERANCE.rtol)}, atol ${String(TOLERANCE.atol)}. A float32 export agrees to about 1e-5;`,
    'more than this means an operator was converted wrongly, not rounding.',
    '"""',
    'import argparse',
    'import os',
    'import sys',
    '',
    'import mlflow.pyfunc',
    'import numpy',
    '',
    `RTOL = ${String(TOLERANCE.rtol)}`,
    `ATOL = ${String(TOLERANCE.atol)}`,
    '',
    '',
    ...conversion(plan.framework, format),
    '',
    '',
    'def main():',
    '    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])',
    '    parser.add_argument("--model-uri", required=True)',
    '    parser.add_argument("--samples", required=True)',
    '    parser.add_argument("--out", required=True)',
    '    args = parser.parse_args()',
    '    samples = numpy.load(args.samples).astype(numpy.float32)',
    '    tmp = args.out + ".tmp"',
    '    expected, actual = convert(args.model_uri, samples, tmp)',
    '    expected, actual = numpy.asarray(expected), numpy.asarray(actual)',
    '    if expected.shape != actual.shape:',
    '        os.remove(tmp)',
    '        sys.exit(f"shape differs: {expected.shape} registered, {actual.shape} exported")',
    '    worst = float(numpy.max(numpy.abs(expected - actual) - RTOL * numpy.abs(expected)))',
    '    if not numpy.allclose(actual, expected, rtol=RTOL, atol=ATOL):',
    '        os.remove(tmp)',
    '        sys.exit(f"outputs differ beyond tolerance (worst excess {worst:.3g}): not exported")',
    '    os.replace(tmp, args.out)',
    '    print(f"{args.out}: {len(samples)} samples agree within rtol={RTOL}, atol={ATOL}")',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ].join('\n');
}

function rollout(plan: LifecyclePlan, format: EdgeFormat): Artifact {
  const m = plan.monitoring;
  const target = m.latencyTargetMs;
  const soakHours = (step: number): number => (step >= 100 ? 0 : step < 10 ? 24 : 48);
  const value: EdgeRollout = {
    model: plan.name,
    artifact: {
      format,
      source: `models:/${plan.name}-production@champion`,
      export: 'mlops/deploy/export.py',
    },
    stages: plan.rollout.steps.map((percent) => ({
      devicesPercent: percent,
      soakHours: soakHours(percent),
    })),
    halt: {
      crashRate: { above: m.errorRate.alert },
      inferenceErrorRate: { above: m.errorRate.alert },
      ...(target === undefined
        ? {}
        : { p95LatencyMs: { above: target * m.latency.factor, forMinutes: m.latency.minutes } }),
      accuracyDrop: { above: m.accuracyDrop.investigate, metric: m.qualityMetric },
    },
    onHalt: 'stop the rollout, keep devices that updated on the new model, roll back only on a page',
    rollback: { keepPreviousOnDevice: true, trigger: { inferenceErrorRate: { above: m.errorRate.page } } },
  };
  const latencyNote =
    target === undefined
      ? ''
      : `p95 over ${String(target * m.latency.factor)} ms (${String(m.latency.factor)}x the ${String(target)} ms target) for ${String(m.latency.minutes)} minutes halts.\n`;
  return yamlDocs(EDGE_ROLLOUT, [
    {
      value,
      comment:
        `${plan.title}: staged rollout to devices. Each stage soaks before the next (a day below 10%,\n` +
        'two days after: a device fleet reports slowly and unevenly), and any halt condition stops it.\n' +
        "Read by your fleet manager or OTA tool; the thresholds are the plan's monitoring thresholds.",
      notes: [
        [
          ['halt'],
          `Crashes or inference errors over ${String(m.errorRate.alert * 100)}% of requests on updated devices halt.\n` +
            latencyNote +
            `A ${m.qualityMetric} drop over ${String(m.accuracyDrop.investigate * 100)}% against the previous model on labelled feedback halts.`,
        ],
        [
          ['rollback'],
          `The previous model stays on each device; over ${String(m.errorRate.page * 100)}% errors switches back at once.`,
        ],
      ],
    },
  ]);
}

export function edgeFiles(plan: LifecyclePlan, format: EdgeFormat): Artifact[] {
  return [{ path: 'mlops/deploy/export.py', content: exportPy(plan, format) }, rollout(plan, format)];
}
