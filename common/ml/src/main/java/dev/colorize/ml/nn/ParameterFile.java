package dev.colorize.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A network's parameters (BatchNorm running statistics included) as one named NDList file. Values
 * are copied into the already-initialised arrays, so gradients flags and devices stay as they are.
 */
public final class ParameterFile {

    private ParameterFile() {}

    public static void save(Block network, Path file) throws IOException {
        save(network, file, false);
    }

    /**
     * {@code half}: store float32 values as float16, halving the file (a shipped model); loading converts
     * back to the network's type. BatchNorm statistics and weights of a trained U-Net lose no visible
     * quality at half precision.
     */
    public static void save(Block network, Path file, boolean half) throws IOException {
        NDList list = new NDList();
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray array = p.getValue().getArray();
            NDArray copy = half && array.getDataType() == DataType.FLOAT32 ? array.toType(DataType.FLOAT16, true)
                    : array.duplicate();
            copy.setName(p.getKey());
            list.add(copy);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            list.encode(out);
        } finally {
            list.close();
        }
    }

    /** Loads into an initialised network of the same architecture; refuses any name or shape mismatch. */
    public static void load(Block network, Path file) throws IOException {
        GradMode.offOnThisThread();
        NDManager anyManager = network.getParameters().valueAt(0).getArray().getManager();
        try (NDManager scope = anyManager.newSubManager();
                InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(scope, in);
            int i = 0;
            for (Pair<String, Parameter> p : network.getParameters()) {
                if (i >= list.size()) {
                    throw new IOException(file + " has fewer parameters than the network");
                }
                NDArray source = list.get(i++);
                NDArray target = p.getValue().getArray();
                if (!p.getKey().equals(source.getName()) || !target.getShape().equals(source.getShape())) {
                    throw new IOException(file + ": expected " + p.getKey() + " " + target.getShape()
                            + " but found " + source.getName() + " " + source.getShape());
                }
                target.set(source.toType(target.getDataType(), false).toByteBuffer());
            }
            if (i != list.size()) {
                throw new IOException(file + " has more parameters than the network");
            }
        }
    }
}
