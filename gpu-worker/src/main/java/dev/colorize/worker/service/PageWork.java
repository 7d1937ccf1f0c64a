package dev.colorize.worker.service;

import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import org.opencv.core.Mat;

/**
 * One job's way through the stages of a batch: read, passed through or colored, encoded, stored and published; or
 * stopped with a failure or a dead letter. Each stage fills in what the next one takes.
 */
final class PageWork<O> {

    final O origin;
    /** Null when the message was unreadable (then it is dead-lettered). */
    final PageJob job;
    /** The pixels decoding this page and its hints takes, per their headers. */
    long pixels;
    /** The pixels this page holds in {@link InFlightPixels} now: from its decoding until its images are released. */
    long heldPixels;
    /** The sketch's and the hints' bytes as stored, from their sizing until they are decoded. */
    byte[] sketchBytes;
    byte[] hintBytes;
    /** The decoded page; kept past the forward pass only when its line layer is asked for. */
    Mat sketch;
    /** The job's hints as dots on transparent (BGRA), until the forward pass; null without hints. */
    Mat hints;
    Mat colored;
    /** The flat color layer, kept only when the job asks for layers. */
    Mat flats;
    int modelVersion;
    long inferenceMillis;
    /** How many of the page's regions followed its series' references; null when the job had none. */
    ReferenceUse referenceUse;
    /** The keys of the result's objects stored so far. */
    PageOutputs outputs = PageOutputs.NONE;
    /** The page is already in color: passed through unchanged instead of colored. */
    boolean skipped;
    /** A skipped page's uploaded bytes, its result, until written. */
    byte[] original;
    /** The page can never succeed: a FAILED result says why. */
    String failure;
    /** Not the page's fault but not processable now either: it goes to the dead-letter topic. */
    DeadLetterKind deadLetterKind;
    String deadLetterError;

    PageWork(ReceivedJob<O> received) {
        this.origin = received.origin();
        this.job = received.job();
        if (received.unreadable() != null) {
            deadLetter(DeadLetterKind.UNPARSEABLE, received.unreadable());
        }
    }

    boolean pending() {
        return failure == null && deadLetterKind == null;
    }

    /** Pending and not passed through: the model colors it. */
    boolean toColor() {
        return pending() && !skipped;
    }

    /** Passed through unchanged instead of colored (the page is already in color): its bytes become its result. */
    void skip(byte[] uploaded) {
        skipped = true;
        original = uploaded;
        release();
    }


    /** Whether the job asks for the layers, alone or as an OpenRaster file. */
    boolean wantsLayers() {
        return !job.request().outputs().isEmpty();
    }

    /** One object of the result is stored: its key goes into the result. */
    void stored(EncodedObject object) {
        outputs = outputs.with(object.file(), object.key());
    }

    /** Every object of the result is stored: the images and uploaded bytes are not needed any more. */
    void written() {
        release();
        original = null;
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

    /** What a FAILED result says: the failure, or for a readable job that was dead-lettered, why. */
    String failureReason() {
        return failure != null ? failure : "page " + job.pageNumber() + ": " + deadLetterError;
    }

    /** A readable job that was dead-lettered: its page is reported FAILED too, so its chapter still ends. */
    boolean reportedAsFailed() {
        return job != null && (failure != null || deadLetterKind != null);
    }

    /** Frees the native image memory now rather than at some later GC (a skipped page's bytes stay until written). */
    void release() {
        if (sketch != null) {
            sketch.release();
            sketch = null;
        }
        if (hints != null) {
            hints.release();
            hints = null;
        }
        if (colored != null) {
            colored.release();
            colored = null;
        }
        if (flats != null) {
            flats.release();
            flats = null;
        }
    }
}
