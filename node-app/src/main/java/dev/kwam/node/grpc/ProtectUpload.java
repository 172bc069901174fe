package dev.kwam.node.grpc;

import dev.kwam.codec.CodecSpec;
import dev.kwam.node.grpc.v1.ProtectOptions;
import dev.kwam.node.grpc.v1.ProtectRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.StreamSubscriptionTimeoutTerminationMode;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A Protect call's request stream, split into what {@code KwamNode.Protect} takes: the options of the
 * first message (validated before the node is asked) and a byte source over every message's data. The
 * byte source is the client's stream itself, not a copy: it is pulled only as fast as the node consumes
 * it, and HTTP/2 flow control carries that backpressure to the client.
 */
final class ProtectUpload {
    /**
     * How long the node may take to start reading the bytes after the first message arrived. Pekko's
     * default (5 s) would cut off an upload while a busy node is still placing its first stripe.
     */
    static final Duration START_READING_WITHIN = Duration.ofMinutes(5);

    private final Optional<CodecSpec> codec;
    private final Source<ByteString, NotUsed> data;
    private final AtomicReference<GrpcServiceException> refused;

    private ProtectUpload(Optional<CodecSpec> codec, Source<ByteString, NotUsed> data, AtomicReference<GrpcServiceException> refused) {
        this.codec = codec;
        this.data = data;
        this.refused = refused;
    }

    /** Waits for the first message only; fails with INVALID_ARGUMENT when its options are impossible. */
    static CompletionStage<ProtectUpload> of(Source<ProtectRequest, NotUsed> in, ActorSystem<?> system) {
        return in.prefixAndTail(1)
                .withAttributes(ActorAttributes.streamSubscriptionTimeout(START_READING_WITHIN,
                        StreamSubscriptionTimeoutTerminationMode.cancel()))
                .runWith(Sink.head(), system)
                .thenApply(split -> {
                    List<ProtectRequest> first = split.first();
                    Optional<CodecSpec> codec = first.isEmpty() || !first.get(0).hasOptions() ? Optional.empty()
                            : codec(first.get(0).getOptions());
                    AtomicReference<GrpcServiceException> refused = new AtomicReference<>();
                    Source<ByteString, NotUsed> head = Source.from(first).map(ProtectUpload::bytes);
                    Source<ByteString, NotUsed> tail = split.second().map(request -> {
                        if (request.hasOptions()) {
                            GrpcServiceException e = GrpcErrors.invalidArgument("Protect: options are allowed in the first message only");
                            refused.compareAndSet(null, e);
                            throw e;
                        }
                        return bytes(request);
                    });
                    return new ProtectUpload(codec, head.concat(tail).filter(b -> !b.isEmpty()), refused);
                });
    }

    Optional<CodecSpec> codec() {
        return codec;
    }

    Source<ByteString, NotUsed> data() {
        return data;
    }

    /** Set when the request stream itself broke the protocol: that, not the node's reply, is the call's error. */
    Optional<GrpcServiceException> refused() {
        return Optional.ofNullable(refused.get());
    }

    static Optional<CodecSpec> codec(ProtectOptions options) {
        if (!options.hasCodec()) {
            return Optional.empty();
        }
        long k = Integer.toUnsignedLong(options.getCodec().getK());
        long m = Integer.toUnsignedLong(options.getCodec().getM());
        if (k > 256 || m > 256) {
            throw GrpcErrors.invalidArgument("Protect: rs(" + k + "," + m + ") is not a valid code: k + m must be at most 256");
        }
        try {
            return Optional.of(new CodecSpec.ReedSolomonSpec((int) k, (int) m));
        } catch (IllegalArgumentException e) {
            throw GrpcErrors.invalidArgument("Protect: rs(" + k + "," + m + ") is not a valid code: " + e.getMessage());
        }
    }

    private static ByteString bytes(ProtectRequest request) {
        // One copy out of protobuf's immutable ByteString; the array is never touched again, hence "unsafe".
        return ByteString.fromArrayUnsafe(request.getData().toByteArray());
    }
}
