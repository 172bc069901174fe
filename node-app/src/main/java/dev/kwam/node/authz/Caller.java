package dev.kwam.node.authz;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.PeerIdentity;
import dev.kwam.dsl.identity.SpiffeId;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.SslSessionInfo;

/**
 * Who made a request on the data port: the SPIFFE ID of the client certificate its mutual TLS verified, read from
 * the TLS session Pekko HTTP attaches to each request, never from anything the client sends.
 *
 * @param id    the SPIFFE ID, or empty when it could not be read
 * @param label the SPIFFE ID as text, or a sentence saying why it is not known (what the audit log records)
 */
public record Caller(Optional<SpiffeId> id, String label) {
    /** The label when the TLS session is not available (a port bound without the session attribute). */
    public static final String UNKNOWN = "a caller (identity UNAVAILABLE: the data port did not pass on the TLS session)";
    /** The peer's ID is kept on its TLS session: one certificate parse per connection, not per request. */
    private static final String SESSION_VALUE = "dev.kwam.node.authz.peer";

    public static Caller of(HttpRequest request, MutualTls tls) {
        Optional<SslSessionInfo> info = request.getAttribute(AttributeKeys.sslSession);
        if (info.isEmpty()) {
            return new Caller(Optional.empty(), UNKNOWN);
        }
        SSLSession session = info.get().getSession();
        if (session.getValue(SESSION_VALUE) instanceof SpiffeId known) {
            return new Caller(Optional.of(known), known.toString());
        }
        try {
            SpiffeId id = tls.peer(session);
            session.putValue(SESSION_VALUE, id);
            return new Caller(Optional.of(id), id.toString());
        } catch (PeerIdentity.RefusedPeerException e) {
            // The handshake already refused such peers; if one got through anyway, say so rather than guess.
            return new Caller(Optional.empty(), "a caller (identity UNAVAILABLE: " + e.getMessage() + ")");
        }
    }
}
