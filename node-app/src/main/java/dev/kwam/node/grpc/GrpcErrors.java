package dev.kwam.node.grpc;

import dev.kwam.codec.FragmentProblem;
import dev.kwam.codec.RecoveryException;
import dev.kwam.codec.StripeFailure;
import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.api.KwamNode.ErrorCode;
import dev.kwam.node.grpc.v1.ErrorInfo;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.grpc.Trailers;
import org.apache.pekko.grpc.javadsl.Metadata;
import org.apache.pekko.grpc.javadsl.MetadataBuilder;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KWAM's refusals as gRPC statuses, as kwam.proto documents them: the status code a generic gRPC
 * client understands, the message as its description, and the exact {@link ErrorCode} with the
 * per-item details in the binary trailer {@value #TRAILER} (a serialized {@code kwam.v1.ErrorInfo}).
 */
public final class GrpcErrors {
    /** Binary trailer ("-bin": base64 on the wire) carrying a {@code kwam.v1.ErrorInfo}. */
    public static final String TRAILER = "kwam-error-bin";
    private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);
    static final int MAX_DETAIL_BYTES = 3_000;
    static final int MAX_MESSAGE_CHARS = 1_000;

    private GrpcErrors() {
    }

    /**
     * UNRECOVERABLE is DATA_LOSS ("unrecoverable data loss or corruption", which it is, and no retry helps);
     * NOT_ENOUGH_NODES is UNAVAILABLE because retrying once nodes return does help; ErrorInfo tells the two
     * UNAVAILABLEs apart.
     */
    public static Status.Code statusOf(ErrorCode code) {
        switch (code) {
            case INVALID_ARGUMENT:
                return Status.Code.INVALID_ARGUMENT;
            case NOT_FOUND:
                return Status.Code.NOT_FOUND;
            case UNRECOVERABLE:
                return Status.Code.DATA_LOSS;
            case NOT_ENOUGH_NODES:
            case UNAVAILABLE:
                return Status.Code.UNAVAILABLE;
            case PERMISSION_DENIED:
                return Status.Code.PERMISSION_DENIED;
            case OUTCOME_UNKNOWN:
                return Status.Code.UNKNOWN;
            case GUARD_BREACHED:
                return Status.Code.FAILED_PRECONDITION;
            case INTERNAL:
            default:
                return Status.Code.INTERNAL;
        }
    }

    public static GrpcServiceException of(KwamNode.Failed failed) {
        return of(failed.code(), failed.message(), failed.details());
    }

    public static GrpcServiceException of(ErrorCode code, String message, List<String> details) {
        ErrorInfo info = ErrorInfo.newBuilder().setCode(code.name()).setMessage(bounded(message, MAX_MESSAGE_CHARS))
                .addAllDetails(boundedDetails(details)).build();
        Metadata trailers = new MetadataBuilder().addBinary(TRAILER, ByteString.fromArrayUnsafe(info.toByteArray())).build();
        return new GrpcServiceException(Status.fromCode(statusOf(code)).withDescription(bounded(message, MAX_MESSAGE_CHARS)), trailers);
    }

    /**
     * Trailers are HTTP/2 headers, and clients refuse a header value over 8 KiB (Pekko HTTP's default,
     * and common elsewhere): an unrecoverable 64 MiB object can list hundreds of missing fragments. The
     * trailer keeps the first details up to {@value #MAX_DETAIL_BYTES} bytes (base64 adds a third) and
     * says how many it left out; {@code kwam client stat} shows them all.
     */
    static List<String> boundedDetails(List<String> details) {
        java.util.ArrayList<String> kept = new java.util.ArrayList<>();
        int bytes = 0;
        for (String d : details) {
            String line = bounded(d, 300);
            if (bytes + line.length() > MAX_DETAIL_BYTES) {
                kept.add("... and " + (details.size() - kept.size()) + " more (kwam client stat CID lists every fragment)");
                break;
            }
            kept.add(line);
            bytes += line.length() + 2;
        }
        return kept;
    }

    static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    public static GrpcServiceException invalidArgument(String message) {
        return of(ErrorCode.INVALID_ARGUMENT, message, List.of());
    }

    /**
     * What a failed Recover stream or a failed ask becomes. Codec's recovery failures are DATA_LOSS with one
     * detail line per missing or corrupt fragment; a node that does not answer in time is DEADLINE_EXCEEDED;
     * anything else is INTERNAL and logged, since it is a bug or an I/O failure of this node.
     */
    public static GrpcServiceException fromFailure(String call, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GrpcServiceException grpc) {
            return grpc;
        }
        if (cause instanceof RecoveryException recovery) {
            return of(ErrorCode.UNRECOVERABLE, message(recovery), describe(recovery.failures()));
        }
        if (cause instanceof UnrecoverableStripeException unrecoverable) {
            return of(ErrorCode.UNRECOVERABLE, message(unrecoverable), List.of());
        }
        if (cause instanceof AskTimeoutException || cause instanceof TimeoutException) {
            GrpcServiceException timeout = of(ErrorCode.UNAVAILABLE, call + ": the node did not answer in time", List.of());
            return new GrpcServiceException(Status.DEADLINE_EXCEEDED.withDescription(timeout.getStatus().getDescription()),
                    timeout.getMetadata());
        }
        LOG.error("gRPC {} failed", call, cause);
        return of(ErrorCode.INTERNAL, call + " failed: " + message(cause), List.of(cause.getClass().getName()));
    }

    /** The handler factory's last resort, for failures that escaped the service's own mapping. */
    static Trailers trailers(Throwable failure) {
        GrpcServiceException mapped = fromFailure("call", failure);
        return new Trailers(mapped.getStatus(), mapped.getMetadata());
    }

    /** One line per failed stripe and per missing or corrupt fragment, as kwam recover prints them. */
    static List<String> describe(List<StripeFailure> failures) {
        List<String> lines = new ArrayList<>();
        for (StripeFailure f : failures) {
            lines.add("stripe " + f.stripe() + ": " + f.good() + " good fragment(s), " + f.needed() + " needed");
            for (FragmentProblem p : f.problems()) {
                lines.add("  " + p.state().label() + "  fragment " + p.fragmentIndex() + "  " + p.cid() + "  (" + p.reason() + ")");
            }
        }
        return lines;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
