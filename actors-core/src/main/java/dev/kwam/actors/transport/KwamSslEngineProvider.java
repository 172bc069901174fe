package dev.kwam.actors.transport;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PeerIdentity;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.dsl.identity.SpiffeId;
import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.remote.artery.tcp.SSLEngineProvider;
import scala.Option;

/**
 * Artery's TLS for KWAM clusters ({@code pekko.remote.artery.transport = tls-tcp}): every connection
 * between nodes uses {@link MutualTls} built from the node's PKI directory, so a peer is admitted
 * only if its certificate chains to our CA and names exactly one SPIFFE ID of our trust domain.
 *
 * <p>Pekko's own {@code RotatingKeysSSLEngineProvider} cannot do this: it compares subject names,
 * not SPIFFE IDs, and does not accept our chain layout (see DEPENDENCIES.md). The refusal itself
 * happens inside the handshake, in the trust manager, which logs the peer's address and reason;
 * {@link #verifyClientSession}/{@link #verifyServerSession} re-check the established session so a
 * TLS stack that skipped the trust manager could still never let a peer through.
 *
 * <p>Pekko instantiates this class by reflection with the {@link ActorSystem} as sole argument; the
 * directory comes from {@value #PKI_DIR_PATH} (holding {@code ca.crt}, {@code node.crt}, {@code node.key}).
 */
public final class KwamSslEngineProvider implements SSLEngineProvider {
    /** Config path of the node's PKI directory (what {@code kwam pki issue --out} wrote). */
    public static final String PKI_DIR_PATH = "kwam.transport.pki-dir";

    private final MutualTls tls;
    private final LoggingAdapter log;

    public KwamSslEngineProvider(ActorSystem system) {
        this(load(Path.of(system.settings().config().getString(PKI_DIR_PATH))), Logging.getLogger(system, KwamSslEngineProvider.class));
    }

    KwamSslEngineProvider(MutualTls tls, LoggingAdapter log) {
        this.tls = tls;
        this.log = log;
    }

    private static MutualTls load(Path dir) {
        try {
            return MutualTls.of(NodeCertificate.load(dir));
        } catch (PkiException e) {
            throw new IllegalStateException("cluster TLS cannot start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cluster TLS cannot start: reading " + dir + " failed: " + e, e);
        }
    }

    @Override
    public SSLEngine createServerSSLEngine(String hostname, int port) {
        return tls.serverEngine();
    }

    @Override
    public SSLEngine createClientSSLEngine(String hostname, int port) {
        return tls.clientEngine(hostname, port);
    }

    @Override
    public Option<Throwable> verifyClientSession(String hostname, SSLSession session) {
        return verify("client", hostname, session);
    }

    @Override
    public Option<Throwable> verifyServerSession(String hostname, SSLSession session) {
        return verify("server", hostname, session);
    }

    private Option<Throwable> verify(String role, String hostname, SSLSession session) {
        try {
            SpiffeId peer = tls.peer(session);
            log.debug("cluster TLS {} {} is {}", role, hostname, peer);
            return Option.empty();
        } catch (PeerIdentity.RefusedPeerException refused) {
            log.warning("refused cluster TLS {} {}: {}", role, hostname, refused.getMessage());
            return Option.apply(refused);
        }
    }

    /** This node's identity, for logs. */
    public SpiffeId self() {
        return tls.node().id();
    }
}
