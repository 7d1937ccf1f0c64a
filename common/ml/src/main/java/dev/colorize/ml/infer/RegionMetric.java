package dev.colorize.ml.infer;

import dev.colorize.ml.artifact.RegionMetricFile;

/**
 * How far apart two drawn regions are to the reference matcher and the chapter vote, from each region's place and
 * share in its figure ({@link RegionDescriptors#features}) and what the network read over it
 * ({@link RegionDescriptors#read}). Each region becomes a point once; distances are between points.
 */
interface RegionMetric {

    /**
     * The region's point: {@code place} its {@link RegionDescriptors#WIDTH} place values, {@code read} and
     * {@code context} what the network read over it (either may be null).
     */
    float[] point(float[] place, float[] read, float[] context);

    float distance(float[] a, float[] b);

    /** A match further than this is not followed. */
    float maxDistance();

    /** A match is followed only when nearer than this times the nearest region of another color. */
    float ratio();

    /** Hand-set scales: how far, in each feature's unit, two drawings of one part typically differ. */
    RegionMetric HAND_SET = new RegionMetric() {
        static final float READ_SCALE = 0.5f;
        static final float PLACE_SCALE = 0.25f;
        static final float SHARE_SCALE = 1.5f;

        /** The context is not used: the scales were set by hand on place, share and read. */
        @Override
        public float[] point(float[] place, float[] read, float[] context) {
            float[] p = new float[RegionDescriptors.WIDTH + (read == null ? 0 : read.length)];
            p[0] = place[0] / PLACE_SCALE;
            p[1] = place[1] / PLACE_SCALE;
            p[2] = place[2] / SHARE_SCALE;
            if (read != null) {
                System.arraycopy(read, 0, p, RegionDescriptors.WIDTH, read.length);
            }
            return p;
        }

        /** Place and share Euclidean; the reads, when both are known, by cosine. */
        @Override
        public float distance(float[] a, float[] b) {
            float sum = 0;
            for (int i = 0; i < RegionDescriptors.WIDTH; i++) {
                sum += (a[i] - b[i]) * (a[i] - b[i]);
            }
            if (a.length == b.length && a.length > RegionDescriptors.WIDTH) {
                float cosine = 0;
                for (int c = RegionDescriptors.WIDTH; c < a.length; c++) {
                    cosine += a[c] * b[c];
                }
                float dr = (1 - cosine) / READ_SCALE;
                sum += dr * dr;
            }
            return (float) Math.sqrt(sum);
        }

        @Override
        public float maxDistance() {
            return 2.0f;
        }

        @Override
        public float ratio() {
            return 0.85f;
        }
    };

    /** {@code [place..., read..., context...]}, what a learned metric projects; null without read or context. */
    static float[] vector(float[] place, float[] read, float[] context) {
        if (read == null || context == null) {
            return null;
        }
        float[] v = new float[place.length + read.length + context.length];
        System.arraycopy(place, 0, v, 0, place.length);
        System.arraycopy(read, 0, v, place.length, read.length);
        System.arraycopy(context, 0, v, place.length + read.length, context.length);
        return v;
    }

    /** A metric fitted on one model's features ({@link RegionMetricFit}): Euclidean after a linear projection. */
    static RegionMetric learned(RegionMetricFile file) {
        return new Learned(file);
    }

    final class Learned implements RegionMetric {
        private final RegionMetricFile file;

        Learned(RegionMetricFile file) {
            this.file = file;
        }

        /** Null when what the network read is unknown or of other widths: such a region is compared hand-set. */
        @Override
        public float[] point(float[] place, float[] read, float[] context) {
            float[] v = vector(place, read, context);
            if (v == null || v.length != file.inputWidth()) {
                return null;
            }
            float[][] w = file.projection();
            float[] p = new float[w.length];
            for (int r = 0; r < w.length; r++) {
                float sum = 0;
                for (int c = 0; c < v.length; c++) {
                    sum += w[r][c] * v[c];
                }
                p[r] = sum;
            }
            return p;
        }

        @Override
        public float distance(float[] a, float[] b) {
            float sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += (a[i] - b[i]) * (a[i] - b[i]);
            }
            return (float) Math.sqrt(sum);
        }

        @Override
        public float maxDistance() {
            return file.maxDistance();
        }

        @Override
        public float ratio() {
            return file.ratio();
        }
    }
}
