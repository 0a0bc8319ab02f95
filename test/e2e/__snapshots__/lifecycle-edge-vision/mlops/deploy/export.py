"""
Export shelf-gap-detector to onnx for devices, and refuse to write it unless the exported model
agrees with the registered one on sample inputs.

    python mlops/deploy/export.py --model-uri models:/shelf-gap-detector-production@champion \
        --samples samples.npy --out shelf-gap-detector.onnx

samples.npy: a float32 array of real inputs (a few hundred rows from the validation set), saved
by the training pipeline. MLFLOW_TRACKING_URI and its credentials come from the environment.
Tolerance: rtol 0.001, atol 0.0001. A float32 export agrees to about 1e-5;
more than this means an operator was converted wrongly, not rounding.
"""
import argparse
import os
import sys

import mlflow.pyfunc
import numpy

RTOL = 0.001
ATOL = 0.0001


def convert(model_uri, samples, out):
    import mlflow.pytorch, onnxruntime, torch
    model = mlflow.pytorch.load_model(model_uri).eval()
    x = torch.from_numpy(samples)
    with torch.no_grad():
        expected = model(x).numpy()
    torch.onnx.export(model, (x[:1],), out, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=17)
    session = onnxruntime.InferenceSession(out, providers=["CPUExecutionProvider"])
    return expected, session.run(None, {"input": samples})[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--model-uri", required=True)
    parser.add_argument("--samples", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    samples = numpy.load(args.samples).astype(numpy.float32)
    tmp = args.out + ".tmp"
    expected, actual = convert(args.model_uri, samples, tmp)
    expected, actual = numpy.asarray(expected), numpy.asarray(actual)
    if expected.shape != actual.shape:
        os.remove(tmp)
        sys.exit(f"shape differs: {expected.shape} registered, {actual.shape} exported")
    worst = float(numpy.max(numpy.abs(expected - actual) - RTOL * numpy.abs(expected)))
    if not numpy.allclose(actual, expected, rtol=RTOL, atol=ATOL):
        os.remove(tmp)
        sys.exit(f"outputs differ beyond tolerance (worst excess {worst:.3g}): not exported")
    os.replace(tmp, args.out)
    print(f"{args.out}: {len(samples)} samples agree within rtol={RTOL}, atol={ATOL}")


if __name__ == "__main__":
    main()
