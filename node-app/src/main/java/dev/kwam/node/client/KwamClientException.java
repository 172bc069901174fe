package dev.kwam.node.client;

import dev.kwam.node.api.KwamNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A remote call that did not succeed, classified so a caller can act on it without parsing text:
 * {@link Kind} says whether the node could not be reached, whether TLS refused one side, or whether
 * the node answered with a refusal ({@link Kind#REFUSED}, with KWAM's {@link KwamNode.ErrorCode} and
 * per-item details from the {@code kwam-error-bin} trailer).
 */
public final class KwamClientException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The PKI directory is missing or its files cannot be used. */
        PKI,
        /** Nothing answered at host:port (refused, unknown host, timed out). */
        UNREACHABLE,
        /** The server's certificate does not chain to our CA or names no SPIFFE ID of our trust domain. */
        SERVER_NOT_TRUSTED,
        /** The server refused our certificate in the TLS handshake. */
        CERTIFICATE_REFUSED,
        /** Something answered but does not speak gRPC over HTTP/2 there. */
        NOT_GRPC,
        /** The node answered with an error status; see {@link #code()} and {@link #details()}. */
        REFUSED,
        /** The node did not answer in time. */
        TIMEOUT,
        /** The connection broke during the call. */
        TRANSPORT,
        /** A local file could not be read or written. */
        LOCAL_IO
    }

    private final Kind kind;
    private final transient Optional<KwamNode.ErrorCode> code;
    private final String grpcStatus;
    private final List<String> details;

    KwamClientException(Kind kind, String message, Throwable cause) {
        this(kind, message, Optional.empty(), "", List.of(), cause);
    }

    KwamClientException(Kind kind, String message, Optional<KwamNode.ErrorCode> code, String grpcStatus, List<String> details,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.grpcStatus = grpcStatus;
        this.details = List.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    /** KWAM's own error code when the node refused the call (absent for transport failures). */
    public Optional<KwamNode.ErrorCode> code() {
        return code;
    }

    /** The gRPC status code's name ({@code NOT_FOUND}, …), or "" when no status was received. */
    public String grpcStatus() {
        return grpcStatus;
    }

    /** Per-item details, e.g. one line per missing or corrupt fragment. */
    public List<String> details() {
        return details;
    }
}
