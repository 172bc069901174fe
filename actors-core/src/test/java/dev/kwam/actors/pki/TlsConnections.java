package dev.kwam.actors.pki;

import dev.kwam.dsl.identity.SpiffeId;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Real TLS on loopback between two parties, and the same over an in-memory SSLEngine pair. */
final class TlsConnections {
    private static final int TIMEOUT_MS = 10_000;

    private TlsConnections() {
    }

    /** What one side saw: the peer it verified, the protocol, or the failure that ended it. */
    record Side(Optional<SpiffeId> peer, String protocol, Optional<Exception> failure) {
        static Side failed(Exception e) {
            return new Side(Optional.empty(), "", Optional.of(e));
        }

        boolean refused() {
            return failure.isPresent();
        }
    }

    record Outcome(Side server, Side client) {
    }

    /** A client that could not present a certificate at all, but trusts {@code ca}'s root. */
    static SSLContext clientWithoutCertificate(CertificateAuthority ca) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    static Outcome connect(MutualTls server, MutualTls client) throws Exception {
        return connect(server, client.context(), client);
    }

    /**
     * One connection: the server accepts, handshakes and echoes one byte; the client handshakes,
     * sends a byte and reads it back, so a refusal that TLS 1.3 delivers after the client's
     * handshake still surfaces on the client side.
     */
    static Outcome connect(MutualTls server, SSLContext clientContext, MutualTls clientOrNull) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listening = server.serverSocket(InetAddress.getLoopbackAddress(), 0)) {
            listening.setSoTimeout(TIMEOUT_MS);
            Future<Side> serverSide = executor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listening.accept()) {
                    socket.setSoTimeout(TIMEOUT_MS);
                    SpiffeId peer = server.handshake(socket);
                    int b = socket.getInputStream().read();
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                    return new Side(Optional.of(peer), socket.getSession().getProtocol(), Optional.empty());
                } catch (IOException e) {
                    return Side.failed(e);
                }
            });
            Side clientSide;
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MS);
                socket.setSSLParameters(server.parameters());
                socket.setUseClientMode(true);
                SpiffeId peer = clientOrNull != null ? clientOrNull.handshake(socket)
                        : handshakeWithoutIdentityCheck(socket, server.node().trustDomain());
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() != 42) {
                    throw new IOException("the server closed the connection instead of echoing");
                }
                clientSide = new Side(Optional.of(peer), socket.getSession().getProtocol(), Optional.empty());
            } catch (IOException e) {
                clientSide = Side.failed(e);
            }
            return new Outcome(serverSide.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), clientSide);
        } finally {
            executor.shutdownNow();
        }
    }

    private static SpiffeId handshakeWithoutIdentityCheck(SSLSocket socket, String trustDomain) throws IOException {
        socket.startHandshake();
        try {
            return PeerIdentity.of(socket.getSession(), trustDomain);
        } catch (PeerIdentity.RefusedPeerException e) {
            throw new IOException(e);
        }
    }

    /**
     * Drives a client and a server engine against each other in memory until both finish the
     * handshake (what Artery's SSLEngineProvider does over its own transport). Throws the first
     * SSLException either side raises.
     */
    static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(packet);
        ByteBuffer toClient = ByteBuffer.allocate(packet);
        ByteBuffer clientIn = ByteBuffer.allocate(app);
        ByteBuffer serverIn = ByteBuffer.allocate(app);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100; round++) {
            client.wrap(nothing, toServer);
            server.wrap(nothing, toClient);
            runTasks(client);
            runTasks(server);
            toServer.flip();
            toClient.flip();
            client.unwrap(toClient, clientIn);
            server.unwrap(toServer, serverIn);
            runTasks(client);
            runTasks(server);
            boolean inFlight = toServer.hasRemaining() || toClient.hasRemaining();
            toServer.compact();
            toClient.compact();
            if (!inFlight && done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new AssertionError("the handshake did not finish in 100 rounds");
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }
}
