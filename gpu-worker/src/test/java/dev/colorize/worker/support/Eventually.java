package dev.colorize.worker.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds, or fails saying what was awaited. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
