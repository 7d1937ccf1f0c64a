package dev.colorize.ml.train;

import dev.colorize.ml.data.ImagePair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads and decodes the next batches on a background thread while the current step computes, so the
 * step never waits for data. Batch k is drawn from {@code new Random(seed + k)} exactly as a
 * sequential loop would, so prefetching changes no result.
 */
public final class BatchPrefetcher implements AutoCloseable {

    /** Batches prepared ahead: one in use, one ready, one being read. */
    private static final int DEPTH = 2;

    private final TrainingData data;
    private final long seed;
    private final int batchSize;
    private final ExecutorService reader;
    private final ArrayDeque<Future<List<ImagePair>>> ahead = new ArrayDeque<>();
    private long nextStep;

    public BatchPrefetcher(TrainingData data, long seed, int batchSize, long firstStep) {
        this.data = data;
        this.seed = seed;
        this.batchSize = batchSize;
        this.nextStep = firstStep;
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "training-data");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < DEPTH; i++) {
            schedule();
        }
    }

    /** The batch of the next step; data errors surface here, on the training thread. */
    public List<ImagePair> next() {
        Future<List<ImagePair>> batch = ahead.poll();
        schedule();
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for training data", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void schedule() {
        long step = nextStep++;
        ahead.add(reader.submit(() -> {
            Random random = new Random(seed + step);
            List<ImagePair> batch = new ArrayList<>(batchSize);
            for (int b = 0; b < batchSize; b++) {
                batch.add(data.sample(random));
            }
            return batch;
        }));
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
