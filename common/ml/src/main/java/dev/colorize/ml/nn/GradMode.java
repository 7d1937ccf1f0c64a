package dev.colorize.ml.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch keeps grad mode per native thread, on by default; DJL turns it off only on the thread that
 * loaded the engine. In-place writes to weights (loading, optimizer steps, initialisation) fail on any
 * other thread with "a leaf Variable that requires grad is being used in an in-place operation".
 * GradientCollector turns it on for its scope and off again on close.
 */
public final class GradMode {

    private GradMode() {}

    public static void offOnThisThread() {
        Engine.getInstance(); // loads the native library first: setGradMode before that is an UnsatisfiedLinkError
        JniUtils.setGradMode(false);
    }
}
