package dev.colorize.ml.data;

/** Loads OpenCV's bundled native library once per JVM. */
public final class OpenCvNative {

    private static boolean loaded;

    private OpenCvNative() {}

    public static synchronized void ensureLoaded() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }
}
