package nl.meedoen.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body passed on chunk by chunk (pause, resume and fetch go straight to the source, so the
 * proxy's pipe keeps its backpressure and nothing is buffered here) while its bytes are counted. The
 * chunk that would cross the limit is not passed on: the stream fails with {@link TooLarge} instead, so
 * the proxy resets the upstream request (the service sees a broken upload, not a short one), and the rest
 * of the body is read and dropped so the client is not left blocked while it is told 413.
 */
final class LimitedBody implements ReadStream<Buffer> {

    /** The body went over {@code limit} bytes. */
    static final class TooLarge extends RuntimeException {
        final long limit;

        TooLarge(long limit) {
            super("request body over " + limit + " bytes", null, false, false);
            this.limit = limit;
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private final Runnable onExceeded;
    private long count;
    private boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    LimitedBody(ReadStream<Buffer> source, long limit, Runnable onExceeded) {
        this.source = source;
        this.limit = limit;
        this.onExceeded = onExceeded;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (!exceeded) {
            source.handler(
                    handler == null
                            ? null
                            : chunk -> {
                                if (exceeded) {
                                    return;
                                }
                                count += chunk.length();
                                if (count > limit) {
                                    exceed();
                                } else {
                                    handler.handle(chunk);
                                }
                            });
        }
        return this;
    }

    private void exceed() {
        exceeded = true;
        // From now on the source belongs to us: drain it, so the client can read the 413 we send.
        source.handler(chunk -> {});
        source.endHandler(null);
        source.exceptionHandler(null);
        source.resume();
        onExceeded.run();
        if (exceptionHandler != null) {
            exceptionHandler.handle(new TooLarge(limit));
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        if (!exceeded) {
            source.exceptionHandler(handler);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        if (!exceeded) {
            source.endHandler(handler);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        if (!exceeded) {
            source.pause();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!exceeded) {
            source.fetch(amount);
        }
        return this;
    }
}
