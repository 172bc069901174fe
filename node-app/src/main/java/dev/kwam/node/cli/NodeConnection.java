package dev.kwam.node.cli;

import dev.kwam.codec.Cid;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.client.KwamClientException;
import dev.kwam.node.config.SeedAddress;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --node HOST:PORT --pki DIR}, shared by every {@code kwam client} command, and the one place
 * that turns a {@link KwamClientException} into what/where/why/fix with the right exit code.
 */
final class NodeConnection {

    @Option(names = "--node", required = true, paramLabel = "HOST:PORT", converter = EndpointConverter.class,
            description = "The node's data port, e.g. 10.0.0.5:7401 or [::1]:7401.")
    SeedAddress node;

    @Option(names = "--pki", required = true, paramLabel = "DIR",
            description = "ca.crt, node.crt and node.key (kwam pki issue): the certificate to present and the CA to trust.")
    Path pki;

    /** One call to the node; a failure becomes {@link #failure} saying {@code what} could not be done. */
    @FunctionalInterface
    interface Call<T> {
        T on(KwamClient client) throws KwamClientException;
    }

    <T> T ask(Call<T> call, String what) throws CliException {
        try (KwamClient client = connect()) {
            return call.on(client);
        } catch (KwamClientException e) {
            throw failure(e, what);
        }
    }

    KwamClient connect() throws CliException {
        quietPekko();
        try {
            return KwamClient.connect(node.host(), node.port(), pki);
        } catch (KwamClientException e) {
            throw failure(e, "cannot use the node at " + node);
        }
    }

    /**
     * The client's ActorSystem would log its start-up at INFO through the node's logback setup; a command's
     * stderr is for its own errors and progress, so Pekko speaks only at WARN unless KWAM_DEBUG=1.
     */
    private static void quietPekko() {
        if (!"1".equals(System.getenv("KWAM_DEBUG"))
                && org.slf4j.LoggerFactory.getLogger("org.apache.pekko") instanceof ch.qos.logback.classic.Logger pekko) {
            pekko.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Unknown and unrecoverable objects are a failed check (1); everything else is usage or I/O (2). */
    CliException failure(KwamClientException e, String what) {
        String where = node.toString();
        switch (e.kind()) {
            case PKI:
                return new CliException(CliError.usage(what, pki.toString(), e.getMessage(),
                        "pass the directory kwam pki issue --out wrote (ca.crt, node.crt, node.key)"), e);
            case UNREACHABLE:
                return new CliException(CliError.io(what, where, e.getMessage(),
                        "check the host and that the node is up (kwam up prints its data port; the default is 7401)"), e);
            case SERVER_NOT_TRUSTED:
                return new CliException(CliError.io(what, where, e.getMessage(),
                        "use a --pki directory issued by the same CA as the node (kwam pki show DIR names the CA)"), e);
            case CERTIFICATE_REFUSED:
                return new CliException(CliError.io(what, where, e.getMessage(),
                        "ask for a certificate from the node's CA: kwam pki issue --ca CA_DIR --out DIR ..."), e);
            case NOT_GRPC:
                return new CliException(CliError.io(what, where, e.getMessage(),
                        "point --node at the node's data port (kwam.node.data-port, default 7401), not its control or metrics port; "
                                + "a node started without its public API answers only GET /chunk there"), e);
            case TIMEOUT:
                return new CliException(CliError.io(what, where, e.getMessage(), "try again; if it persists, check the node's log"), e);
            case LOCAL_IO:
                return new CliException(CliError.io(what, null, e.getMessage(), "check the path, its directory and free space"), e);
            case REFUSED:
                return refused(e, what, where);
            case TRANSPORT:
            default:
                return new CliException(CliError.io(what, where, e.getMessage(), "try again; if it persists, check the node's log"), e);
        }
    }

    private static CliException refused(KwamClientException e, String what, String where) {
        KwamNode.ErrorCode code = e.code().orElse(KwamNode.ErrorCode.INTERNAL);
        String why = e.getMessage() + " (" + e.grpcStatus() + ")";
        CliError error;
        switch (code) {
            case NOT_FOUND:
                error = CliError.checkFailed(what, where, why,
                        "check the cid (kwam client protect printed it); the node may belong to another cluster");
                break;
            case UNRECOVERABLE:
                error = CliError.checkFailed(what, where, why,
                        "too many fragments are lost: bring back the nodes that held them, then run again; kwam client stat lists them");
                break;
            case INVALID_ARGUMENT:
                error = CliError.usage(what, where, why, "fix the arguments named above");
                break;
            case NOT_ENOUGH_NODES:
                error = CliError.io(what, where, why, "start more nodes (or wait for them to rejoin), then run again");
                break;
            case UNAVAILABLE:
                error = CliError.io(what, where, why, "the node is starting or stopping: try again shortly");
                break;
            case OUTCOME_UNKNOWN:
                error = CliError.checkFailed(what, where, why, "read the state back before acting again (details below)");
                break;
            case PERMISSION_DENIED:
                error = CliError.checkFailed(what, where, why, "each reason below says its fix; docs/consent.md explains the codes");
                break;
            case GUARD_BREACHED:
                error = CliError.checkFailed(what, where, why, "wait for the repair named below (kwam client repairs shows its ETA), "
                        + "then run again; nothing was stored");
                break;
            case INTERNAL:
            default:
                error = CliError.io(what, where, why, "check the node's log; report it if it persists");
                break;
        }
        return new CliException(error.withDetails(e.details()), e);
    }

    static final class EndpointConverter implements CommandLine.ITypeConverter<SeedAddress> {
        @Override
        public SeedAddress convert(String value) {
            try {
                return SeedAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage() + " (expected HOST:PORT, e.g. 127.0.0.1:7401)");
            }
        }
    }

    static final class CidConverter implements CommandLine.ITypeConverter<Cid> {
        @Override
        public Cid convert(String value) {
            return Cid.tryParse(value).orElseThrow(() -> new CommandLine.TypeConversionException("'"
                    + (value.length() > 80 ? value.substring(0, 80) + "..." : value)
                    + "' is not a content id (expected sha256: followed by 64 lowercase hex digits)"));
        }
    }
}
