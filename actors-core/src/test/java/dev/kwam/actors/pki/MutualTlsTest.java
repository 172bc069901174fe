package dev.kwam.actors.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.TlsConnections.Outcome;
import dev.kwam.dsl.identity.SpiffeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mutual TLS over real loopback sockets (and an SSLEngine pair): who gets in, who is refused, and that it is logged. */
class MutualTlsTest {
    private static final List<Logger> LOGS = List.of(Logger.getLogger(SpiffeTrustManager.class.getName()),
            Logger.getLogger(MutualTls.class.getName()));
    private static CertificateAuthority ca;
    private static MutualTls server;
    private static MutualTls client;

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void nodes() throws Exception {
        ca = TestPki.ca(TestPki.DOMAIN, 0);
        server = MutualTls.of(TestPki.node(ca, "server", 1));
        client = MutualTls.of(TestPki.node(ca, "client", 2));
    }

    @BeforeEach
    void captureRefusals() {
        LOGS.forEach(log -> log.addHandler(capture));
    }

    @AfterEach
    void stopCapturing() {
        LOGS.forEach(log -> log.removeHandler(capture));
    }

    @Test
    void twoNodesOfOneCaConnectOverTls13AndKnowEachOthersSpiffeId() throws Exception {
        Outcome outcome = TlsConnections.connect(server, client);
        assertEquals(Optional.of(TestPki.id(TestPki.DOMAIN, "client")), outcome.server().peer(), outcome.toString());
        assertEquals(Optional.of(TestPki.id(TestPki.DOMAIN, "server")), outcome.client().peer(), outcome.toString());
        assertEquals("TLSv1.3", outcome.server().protocol());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    /**
     * A node of another root of the same trust domain (same CA name, other key), which trusts our
     * root so that it is the server, not the client, that has to refuse.
     */
    private static MutualTls strangerTrustingOurCa() throws Exception {
        NodeCertificate foreign = TestPki.node(TestPki.ca(TestPki.DOMAIN, 4), "client", 2);
        return MutualTls.of(new NodeCertificate(foreign.id(), foreign.certificate(), foreign.privateKey(), ca.certificate()));
    }

    @Test
    void aClientFromAnotherCaIsRefusedAndLogged() throws Exception {
        Outcome outcome = TlsConnections.connect(server, strangerTrustingOurCa());
        assertRefusedByServer(outcome);
        assertLogged("refused TLS client", "Path does not chain");
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        Outcome outcome = TlsConnections.connect(server, TlsConnections.clientWithoutCertificate(ca), null);
        assertRefusedByServer(outcome);
        assertLogged("TLS handshake with /127.0.0.1:", "failed");
    }

    @Test
    void anExpiredClientCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        NodeCertificate expired = ca.issue(TestPki.id(TestPki.DOMAIN, "old"), TestPki.keys(2),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        Outcome outcome = TlsConnections.connect(server, MutualTls.of(expired));
        assertRefusedByServer(outcome);
        assertLogged("refused TLS client", "NotAfter");
    }

    @Test
    void aClientWithTwoUriSansIsRefusedDuringTheHandshake() throws Exception {
        SpiffeId claimed = TestPki.id(TestPki.DOMAIN, "client");
        NodeCertificate two = TestPki.misissued(ca, 2, claimed, TestPki.uri(claimed.toString()),
                TestPki.uri(TestPki.id(TestPki.DOMAIN, "admin").toString()));
        assertRefusedByServer(TlsConnections.connect(server, MutualTls.of(two)));
        assertLogged("refused TLS client", "2 URI SANs");
    }

    @Test
    void aClientWithoutAUriSanIsRefusedDuringTheHandshake() throws Exception {
        NodeCertificate none = TestPki.misissued(ca, 2, TestPki.id(TestPki.DOMAIN, "client"), TestPki.dns("localhost"));
        assertRefusedByServer(TlsConnections.connect(server, MutualTls.of(none)));
        assertLogged("refused TLS client", "no URI SAN");
    }

    @Test
    void aClientOfAnotherTrustDomainSignedByOurCaIsRefused() throws Exception {
        SpiffeId foreign = TestPki.id("evil.test", "client");
        // The client itself still trusts kwam.test servers: only the server's identity check can refuse.
        NodeCertificate other = TestPki.misissued(ca, 2, TestPki.id(TestPki.DOMAIN, "client"), TestPki.uri(foreign.toString()));
        assertRefusedByServer(TlsConnections.connect(server, MutualTls.of(other)));
        assertLogged("refused TLS client", "belongs to trust domain 'evil.test'");
    }

    @Test
    void aClientRefusesAServerFromAnotherCa() throws Exception {
        MutualTls impostor = MutualTls.of(TestPki.node(TestPki.ca(TestPki.DOMAIN, 4), "server", 1));
        Outcome outcome = TlsConnections.connect(impostor, client);
        assertTrue(outcome.client().refused(), outcome.toString());
        assertInstanceOf(SSLHandshakeException.class, outcome.client().failure().orElseThrow(), outcome.toString());
        assertLogged("refused TLS server", "signature check failed");
    }

    @Test
    void offersOnlyTls13And12WithForwardSecretAeadSuites() {
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(server.parameters().getProtocols()));
        assertTrue(server.parameters().getNeedClientAuth());
        assertTrue(server.cipherSuites().contains("TLS_AES_256_GCM_SHA384"), server.cipherSuites().toString());
        for (String suite : server.cipherSuites()) {
            assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_") || suite.startsWith("TLS_ECDHE_"), suite);
            assertFalse(suite.contains("CBC") || suite.startsWith("TLS_RSA_") || suite.contains("_DHE_"), suite);
        }
    }

    @Test
    void enginesHandshakeInMemoryAndNameTheirPeers() throws Exception {
        SSLEngine serverEngine = server.serverEngine();
        SSLEngine clientEngine = client.clientEngine("127.0.0.1", 25520);
        assertTrue(serverEngine.getNeedClientAuth());
        TlsConnections.handshake(clientEngine, serverEngine);
        assertEquals(TestPki.id(TestPki.DOMAIN, "client"), server.peer(serverEngine.getSession()));
        assertEquals(TestPki.id(TestPki.DOMAIN, "server"), client.peer(clientEngine.getSession()));
    }

    @Test
    void aServerEngineRefusesAClientEngineFromAnotherCa() throws Exception {
        MutualTls stranger = strangerTrustingOurCa();
        SSLEngine serverEngine = server.serverEngine();
        assertThrows(SSLException.class,
                () -> TlsConnections.handshake(stranger.clientEngine("127.0.0.1", 25520), serverEngine));
        assertLogged("refused TLS client");
    }

    private static void assertRefusedByServer(Outcome outcome) {
        assertTrue(outcome.server().refused(), outcome.toString());
        assertInstanceOf(SSLException.class, outcome.server().failure().orElseThrow(), outcome.toString());
        assertTrue(outcome.client().refused(), "the client must not get its echo: " + outcome);
    }

    /** Some WARNING of the trust manager or of the handshake contains every fragment. */
    private void assertLogged(String... fragments) {
        assertTrue(warnings.stream().map(MutualTlsTest::format).anyMatch(m -> List.of(fragments).stream().allMatch(m::contains)),
                "no WARNING containing " + List.of(fragments) + " in " + warnings.stream().map(MutualTlsTest::format).toList());
    }

    private static String format(LogRecord record) {
        return java.text.MessageFormat.format(record.getMessage(), record.getParameters() == null ? new Object[0]
                : record.getParameters());
    }
}
