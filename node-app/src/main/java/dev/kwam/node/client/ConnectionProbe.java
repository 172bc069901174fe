package dev.kwam.node.client;

import dev.kwam.node.client.KwamClientException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One TLS connection before any call, to say precisely why a node cannot be used: nothing listening,
 * a server we do not trust, a server that refuses our certificate, or no HTTP/2 there. pekko-http's
 * client would only retry and report "connection failed". The probe offers ALPN {@code h2},
 * sends HTTP/2's connection preface, then reads one byte: the server's SETTINGS frame if it accepted us.
 * Under TLS 1.3 a server's refusal of our certificate arrives only as an alert on that first read.
 */
final class ConnectionProbe {
    /** HTTP/2's client connection preface and an empty SETTINGS frame (RFC 9113, 3.4): a server answers with its own SETTINGS. */
    private static final byte[] CLIENT_PREFACE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});

    private ConnectionProbe() {
    }

    static void check(ClientTls tls, String host, int port, Duration timeout) throws KwamClientException {
        String where = host + ":" + port;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket raw = new Socket();
        try {
            try {
                raw.connect(new InetSocketAddress(host, port), millis);
            } catch (UnknownHostException e) {
                throw new KwamClientException(Kind.UNREACHABLE, "unknown host " + host, e);
            } catch (IOException e) {
                throw new KwamClientException(Kind.UNREACHABLE, "cannot connect to " + where + ": " + e.getMessage(), e);
            }
            SSLSocket socket = (SSLSocket) tls.mutualTls().context().getSocketFactory().createSocket(raw, host, port, true);
            socket.setUseClientMode(true);
            SSLParameters parameters = tls.mutualTls().parameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(millis);
            try {
                socket.startHandshake();
            } catch (SSLHandshakeException e) {
                if (causedBy(e, CertificateException.class)) {
                    throw new KwamClientException(Kind.SERVER_NOT_TRUSTED, "the node at " + where
                            + " presented a certificate our CA did not issue (or without a SPIFFE ID of trust domain "
                            + tls.identity().trustDomain() + "): " + rootMessage(e), e);
                }
                throw new KwamClientException(Kind.CERTIFICATE_REFUSED, "the node at " + where
                        + " refused the TLS handshake (our certificate " + tls.identity().id() + "): " + rootMessage(e), e);
            }
            if (!"h2".equals(socket.getApplicationProtocol())) {
                throw new KwamClientException(Kind.NOT_GRPC, where + " completed TLS but did not agree to HTTP/2 (ALPN: '"
                        + socket.getApplicationProtocol() + "'): it is not a KWAM data port", null);
            }
            try {
                socket.getOutputStream().write(CLIENT_PREFACE);
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                if (in.read() < 0) {
                    throw new EOFException("the connection was closed");
                }
            } catch (SocketTimeoutException e) {
                throw new KwamClientException(Kind.NOT_GRPC, where + " sent nothing after the TLS handshake within "
                        + timeout.toSeconds() + " s: not a KWAM data port, or the node is overloaded", e);
            } catch (SSLException | EOFException e) {
                throw new KwamClientException(Kind.CERTIFICATE_REFUSED, "the node at " + where + " refused our certificate "
                        + tls.identity().id() + ": " + rootMessage(e), e);
            }
        } catch (KwamClientException e) {
            throw e;
        } catch (IOException e) {
            throw new KwamClientException(Kind.TRANSPORT, "the connection to " + where + " failed: " + rootMessage(e), e);
        } finally {
            try {
                raw.close();
            } catch (IOException ignored) {
                // a probe socket: nothing was sent on it that needs a clean close
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = String.valueOf(t.getMessage());
        return root == t || top.contains(String.valueOf(root.getMessage())) ? top : top + " (" + root.getMessage() + ")";
    }
}
