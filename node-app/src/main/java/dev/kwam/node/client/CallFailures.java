package dev.kwam.node.client;

import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClientException.Kind;
import dev.kwam.node.grpc.GrpcErrors;
import dev.kwam.node.grpc.v1.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** A failed call's exception, read back into a {@link KwamClientException}: status, KWAM code, details. */
final class CallFailures {
    private static final Metadata.Key<byte[]> ERROR_INFO = Metadata.Key.of(GrpcErrors.TRAILER, Metadata.BINARY_BYTE_MARSHALLER);

    private CallFailures() {
    }

    static KwamClientException classify(String what, String endpoint, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof KwamClientException k) {
            return k;
        }
        if (cause instanceof StatusRuntimeException status) {
            Optional<ErrorInfo> info = errorInfo(status.getTrailers());
            Status.Code code = status.getStatus().getCode();
            String description = Optional.ofNullable(status.getStatus().getDescription()).orElse(code.name());
            if (info.isPresent()) {
                Optional<KwamNode.ErrorCode> kwam = errorCode(info.get().getCode());
                if (code == Status.Code.UNIMPLEMENTED) {
                return new KwamClientException(Kind.NOT_GRPC, what + ": " + endpoint + " does not serve kwam.v1.Kwam (UNIMPLEMENTED)",
                        Optional.empty(), code.name(), List.of(), cause);
            }
            Kind kind = code == Status.Code.DEADLINE_EXCEEDED ? Kind.TIMEOUT : Kind.REFUSED;
                return new KwamClientException(kind, what + ": " + info.get().getMessage(), kwam, code.name(),
                        info.get().getDetailsList(), cause);
            }
            if (code == Status.Code.UNIMPLEMENTED) {
                return new KwamClientException(Kind.NOT_GRPC, what + ": " + endpoint + " does not serve kwam.v1.Kwam (UNIMPLEMENTED)",
                        Optional.empty(), code.name(), List.of(), cause);
            }
            Kind kind = code == Status.Code.DEADLINE_EXCEEDED ? Kind.TIMEOUT
                    : code == Status.Code.UNAVAILABLE ? Kind.TRANSPORT : Kind.REFUSED;
            return new KwamClientException(kind, what + " at " + endpoint + ": " + code + ": " + description, Optional.empty(),
                    code.name(), List.of(), cause);
        }
        return new KwamClientException(Kind.TRANSPORT, what + " at " + endpoint + " failed: " + ConnectionProbe.rootMessage(cause), cause);
    }

    private static Optional<ErrorInfo> errorInfo(Metadata trailers) {
        if (trailers == null || !trailers.containsKey(ERROR_INFO)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ErrorInfo.parseFrom(trailers.get(ERROR_INFO)));
        } catch (com.google.protobuf.InvalidProtocolBufferException garbled) {
            return Optional.empty();
        }
    }

    private static Optional<KwamNode.ErrorCode> errorCode(String name) {
        try {
            return Optional.of(KwamNode.ErrorCode.valueOf(name));
        } catch (IllegalArgumentException newerNode) {
            return Optional.empty();
        }
    }
}
