package dev.colorize.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam as PyTorch computes it (bias-corrected, eps outside the square root). Written here rather than
 * using DJL's Adam because DJL keeps the moment estimates private: owning them makes checkpoints
 * carry the complete optimizer state, so a resumed run continues exactly.
 */
public final class AdamOptimizer implements AutoCloseable {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long updates;
    private long skippedUpdates;

    public AdamOptimizer(NDManager parent, float beta1, float beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = 1e-8f;
        this.manager = parent.newSubManager();
    }

    /**
     * Applies one update to every trainable parameter from its gradient, then zeroes the gradients. When any gradient
     * is not finite nothing is updated (the gradients are zeroed, the moments and the step count stay) and false is
     * returned: on this machine the discriminator's gradients come back NaN now and then for the same seed and data,
     * even on one thread (the cause, inside the native backward, is not found), and one NaN update would poison every
     * later step. Mixed-precision training skips such steps the same way.
     */
    public boolean update(ParameterList parameters, float learningRate) {
        try (NDManager scope = manager.newSubManager()) {
            List<Pair<String, Parameter>> trainable = new ArrayList<>();
            List<NDArray> gradients = new ArrayList<>();
            boolean finite = true;
            for (Pair<String, Parameter> p : parameters) {
                if (!p.getValue().requiresGradient()) {
                    continue;
                }
                NDArray grad = p.getValue().getArray().getGradient();
                grad.attach(scope);
                trainable.add(p);
                gradients.add(grad);
                finite = finite && !scoped(scoped(grad.isNaN(), scope).logicalOr(scoped(grad.isInfinite(), scope)), scope)
                        .any().getBoolean();
            }
            if (!finite) {
                skippedUpdates++;
                for (NDArray g : gradients) {
                    g.muli(0f); // 0 x inf is NaN too: then every non-finite entry is NaN
                    g.set(scoped(g.isNaN(), scope), 0f);
                }
                return false;
            }
            updates++;
            double correction1 = 1 - Math.pow(beta1, updates);
            double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, updates));
            float stepSize = (float) (learningRate / correction1);
            for (int i = 0; i < trainable.size(); i++) {
                Pair<String, Parameter> p = trainable.get(i);
                NDArray weight = p.getValue().getArray();
                NDArray grad = gradients.get(i);
                NDArray m = firstMoments.computeIfAbsent(p.getKey(), k -> manager.zeros(weight.getShape()));
                NDArray v = secondMoments.computeIfAbsent(p.getKey(), k -> manager.zeros(weight.getShape()));
                m.muli(beta1).addi(grad.mul(1 - beta1));
                v.muli(beta2).addi(grad.square().muli(1 - beta2));
                NDArray denominator = scoped(v.sqrt(), scope).divi(sqrtCorrection2).addi(epsilon);
                weight.subi(scoped(m.div(denominator), scope).muli(stepSize));
                grad.muli(0f); // PyTorch accumulates gradients and DJL's collector no longer zeroes them
            }
            return true;
        }
    }

    /** Updates refused because a gradient was not finite. */
    public long skippedUpdates() {
        return skippedUpdates;
    }

    private static NDArray scoped(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    public long updates() {
        return updates;
    }

    /** Moments of every parameter plus the update counter. */
    public void save(Path file) throws IOException {
        NDList state = new NDList();
        NDArray counter = manager.create(new long[] {updates});
        counter.setName("updates");
        state.add(counter);
        firstMoments.forEach((name, m) -> state.add(named(m, "m:" + name)));
        secondMoments.forEach((name, v) -> state.add(named(v, "v:" + name)));
        try (OutputStream out = Files.newOutputStream(file)) {
            state.encode(out);
        } finally {
            counter.close();
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    public void load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            NDList state = NDList.decode(manager, in);
            firstMoments.values().forEach(NDArray::close);
            secondMoments.values().forEach(NDArray::close);
            firstMoments.clear();
            secondMoments.clear();
            for (NDArray array : state) {
                String name = array.getName();
                if (name.equals("updates")) {
                    updates = array.toLongArray()[0];
                    array.close();
                } else if (name.startsWith("m:")) {
                    firstMoments.put(name.substring(2), array);
                } else if (name.startsWith("v:")) {
                    secondMoments.put(name.substring(2), array);
                } else {
                    throw new IOException(file + ": unexpected optimizer state " + name);
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
