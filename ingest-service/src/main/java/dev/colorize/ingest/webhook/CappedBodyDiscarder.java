package dev.colorize.ingest.webhook;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body up to a cap, discards it, and cancels the rest (which closes the connection):
 * the status is all a webhook needs, and a receiver must not make the service read a body without end.
 */
final class CappedBodyDiscarder implements HttpResponse.BodySubscriber<Void> {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long bytesLeft;
    private Flow.Subscription subscription;

    CappedBodyDiscarder(long cap) {
        this.bytesLeft = cap;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        bytesLeft -= buffers.stream().mapToLong(ByteBuffer::remaining).sum();
        if (bytesLeft > 0) {
            subscription.request(1);
        } else {
            subscription.cancel();
            done.complete(null);
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }
}
