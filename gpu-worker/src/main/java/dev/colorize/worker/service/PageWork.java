package dev.colorize.worker.service;

import dev.colorize.platform.messaging.PageJob;
import dev.colorize.worker.messaging.ResultPublisher.DeadLetterKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencv.core.Mat;

/** One job's way through a batch: parsed, read, colored, stored; or stopped with a failure or a dead letter. */
final class PageWork {

    final ConsumerRecord<String, byte[]> record;
    PageJob job;
    Mat sketch;
    Mat colored;
    int modelVersion;
    long inferenceMillis;
    String resultKey;
    /** The page can never succeed: a FAILED result says why. */
    String failure;
    /** Not the page's fault but not processable now either: it goes to the dead-letter topic. */
    DeadLetterKind deadLetterKind;
    String deadLetterError;

    PageWork(ConsumerRecord<String, byte[]> record) {
        this.record = record;
    }

    boolean pending() {
        return failure == null && deadLetterKind == null;
    }

    void fail(String reason) {
        failure = "page " + job.pageNumber() + ": " + reason;
        release();
    }

    void deadLetter(DeadLetterKind kind, String error) {
        deadLetterKind = kind;
        deadLetterError = error;
        release();
    }

    /** Frees the native image memory now rather than at some later GC. */
    void release() {
        if (sketch != null) {
            sketch.release();
            sketch = null;
        }
        if (colored != null) {
            colored.release();
            colored = null;
        }
    }
}
