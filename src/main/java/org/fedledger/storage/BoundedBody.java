package org.fedledger.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body of at most {@code limit} bytes. Past the limit it either cancels
 * the download and fails with {@link TooLarge} or, for error bodies, keeps the first
 * {@code limit} bytes and discards the rest.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body is longer than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("body larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final boolean truncate;
    private final long declaredLength;
    private final ByteArrayOutputStream out;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /** @param declaredLength the Content-Length, or -1 */
    BoundedBody(long limit, boolean truncate, long declaredLength) {
        this.limit = limit;
        this.truncate = truncate;
        this.declaredLength = declaredLength;
        this.out = new ByteArrayOutputStream(
                (int) Math.min(limit, declaredLength >= 0 ? declaredLength : 8192));
    }

    /** A handler that bounds the body of a 200 answer by {@code limit} and error bodies by 64 KiB. */
    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return info.statusCode() == 200
                    ? new BoundedBody(limit, false, declared)
                    : new BoundedBody(64 * 1024, true, declared);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (!truncate && declaredLength > limit) {
            subscription.cancel();
            result.completeExceptionally(new TooLarge(limit));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int room = (int) Math.min(buffer.remaining(), limit - out.size());
            if (room < buffer.remaining() && !truncate) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            byte[] bytes = new byte[room];
            buffer.get(bytes);
            out.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
