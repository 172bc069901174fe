package dev.kwam.node.grpc;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.node.authz.Caller;
import dev.kwam.node.grpc.v1.Kwam;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Who made a gRPC call: the SPIFFE ID of the client certificate the data port's mutual TLS verified. Read
 * from the request's TLS session (the data port asks Pekko HTTP to attach it), never from anything the
 * client sends, so it cannot be claimed ({@link Caller}, which the data port's grant check reads for every
 * call). The calls in {@link #RECORDING} also record it (the repair budget's setter), so they get a service
 * bound to their caller.
 */
public final class GrpcCaller {
    /** The caller recorded when the TLS session is not available (a port bound without the session attribute). */
    public static final String UNKNOWN = Caller.UNKNOWN;
    /** Paths of the calls that record their caller. */
    static final Set<String> RECORDING = Set.of("/" + Kwam.name + "/AdjustRepairBudget");

    private GrpcCaller() {
    }

    /** Whether {@code request} is a call that records its caller. */
    public static boolean records(HttpRequest request) {
        return RECORDING.contains(request.getUri().path());
    }

    /** The caller's SPIFFE ID, or a label saying why it is not known. */
    public static String of(HttpRequest request, MutualTls tls) {
        return Caller.of(request, tls).label();
    }
}
