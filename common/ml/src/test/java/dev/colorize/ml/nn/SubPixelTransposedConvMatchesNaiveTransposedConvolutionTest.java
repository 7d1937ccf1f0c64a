package dev.colorize.ml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubPixelTransposedConvMatchesNaiveTransposedConvolutionTest {

    /** PyTorch ConvTranspose2d(k=4, s=2, p=1) by definition: scatter every input pixel. */
    private static float[] naiveTransposedConv(
            float[] x, float[] w, float[] bias, int n, int cin, int cout, int h, int wd) {
        int oh = 2 * h;
        int ow = 2 * wd;
        float[] y = new float[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                for (int i = 0; i < oh * ow; i++) {
                    y[(b * cout + o) * oh * ow + i] = bias[o];
                }
                for (int c = 0; c < cin; c++) {
                    for (int m = 0; m < h; m++) {
                        for (int k = 0; k < wd; k++) {
                            float v = x[((b * cin + c) * h + m) * wd + k];
                            for (int ky = 0; ky < 4; ky++) {
                                for (int kx = 0; kx < 4; kx++) {
                                    int yy = 2 * m - 1 + ky;
                                    int xx = 2 * k - 1 + kx;
                                    if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) {
                                        y[((b * cout + o) * oh + yy) * ow + xx] +=
                                                v * w[((c * cout + o) * 4 + ky) * 4 + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static float[] gaussian(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void phaseConvolutionEqualsTransposedConvolutionOnRandomTensors() {
        int n = 2, cin = 3, cout = 5, h = 4, wd = 7;
        Random random = new Random(7);
        float[] x = gaussian(random, n * cin * h * wd);
        float[] w = gaussian(random, cin * cout * 16);
        float[] bias = gaussian(random, cout);
        float[] expected = naiveTransposedConv(x, w, bias, n, cin, cout, h, wd);

        try (NDManager manager = NDManager.newBaseManager()) {
            SubPixelTransposedConv block = new SubPixelTransposedConv(cin, cout, true);
            block.initialize(manager, DataType.FLOAT32, new Shape(n, cin, h, wd));
            block.getParameters().get("weight").getArray()
                    .set(FloatBuffer.wrap(SubPixelTransposedConv.phaseKernelFromTransposed(w, cin, cout)));
            block.getParameters().get("bias").getArray().set(FloatBuffer.wrap(bias));

            NDArray input = manager.create(x, new Shape(n, cin, h, wd));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();

            assertThat(out.getShape()).isEqualTo(new Shape(n, cout, 2 * h, 2 * wd));
            float[] actual = out.toFloatArray();
            float maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            }
            assertThat(maxDiff).isLessThan(1e-5f);
        }
    }
}
