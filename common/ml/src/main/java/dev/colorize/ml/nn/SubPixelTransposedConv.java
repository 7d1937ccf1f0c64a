package dev.colorize.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 4x4, stride-2, padding-1 transposed convolution (PyTorch ConvTranspose2d(k=4, s=2, p=1)),
 * written as what DJL's PyTorch engine can run: one 2x2 convolution (padding 1) producing 4 x
 * C_out channels, one group per output phase (a, b) = (row parity, column parity), followed by
 * interleaving the phases into the 2x map (sub-pixel shuffle).
 *
 * <p>Why it is exact: output row 2i+a only receives input rows i-1, i (a=0, kernel rows 3, 1) or
 * i, i+1 (a=1, kernel rows 2, 0). With padding 1 the 2x2 convolution at row p sees input rows p-1
 * and p, so phase a is the (H+1)-row result cropped at offset a, and tap d of phase a is kernel row
 * 3 - a - 2d of the transposed kernel. The same holds for columns.
 */
public final class SubPixelTransposedConv extends AbstractBlock {

    private final int inChannels;
    private final int outChannels;
    private final Parameter weight;
    private final Parameter bias;

    public SubPixelTransposedConv(int inChannels, int outChannels, boolean withBias) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(4L * outChannels, inChannels, 2, 2))
                .build());
        bias = withBias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .optShape(new Shape(outChannels))
                        .build())
                : null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        long n = x.getShape().get(0);
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        NDArray phases = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
        NDList rows = new NDList();
        for (int a = 0; a < 2; a++) {
            NDList cols = new NDList();
            for (int b = 0; b < 2; b++) {
                int phase = 2 * a + b;
                cols.add(phases.get(new NDIndex(":, {}:{}, {}:{}, {}:{}",
                        phase * outChannels, (phase + 1) * outChannels, a, a + h, b, b + wd)));
            }
            rows.add(NDArrays.stack(cols, 4)); // (N, C, H, W, b)
        }
        NDArray out = NDArrays.stack(rows, 3).reshape(n, outChannels, 2 * h, 2 * wd); // (N,C,H,a,W,b)
        if (bias != null) {
            // the reshaped view belongs to the parameter's manager: release it, autograd keeps its own ref
            try (NDArray b = store.getValue(bias, x.getDevice(), training).reshape(1, outChannels, 1, 1)) {
                out = out.add(b);
            }
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, 2 * s.get(2), 2 * s.get(3))};
    }

    /**
     * Maps a PyTorch ConvTranspose2d weight (C_in, C_out, 4, 4) onto this block's 2x2 phase kernel
     * (4 C_out, C_in, 2, 2): phase (a, b), tap (d, e) takes kernel element (3-a-2d, 3-b-2e).
     */
    public static float[] phaseKernelFromTransposed(float[] transposed, int inChannels, int outChannels) {
        float[] k = new float[4 * outChannels * inChannels * 4];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int o = 0; o < outChannels; o++) {
                    for (int c = 0; c < inChannels; c++) {
                        for (int d = 0; d < 2; d++) {
                            for (int e = 0; e < 2; e++) {
                                int ky = 3 - a - 2 * d;
                                int kx = 3 - b - 2 * e;
                                int dst = ((((2 * a + b) * outChannels + o) * inChannels + c) * 2 + d) * 2 + e;
                                k[dst] = transposed[((c * outChannels + o) * 4 + ky) * 4 + kx];
                            }
                        }
                    }
                }
            }
        }
        return k;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }
}
