package dev.kwam.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.node.config.DomainLabel;
import dev.kwam.node.config.NodeConfigException;
import dev.kwam.consensus.Voter;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.config.SeedAddress;
import dev.kwam.node.up.NodeLauncher;
import dev.kwam.node.up.PolicyGate;
import dev.kwam.node.up.RunningNode;
import dev.kwam.node.up.StartupException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code kwam up}: runs a node until it is told to stop. Flags override the {@code --config} file,
 * which overrides the defaults (docs/operators.md). SIGTERM and SIGINT leave the cluster gracefully,
 * close the store and exit 0; they are handled here rather than by a JVM shutdown hook because a
 * JVM that exits from a hook reports 143, and scripts need 0 for a clean stop.
 */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start a KWAM node and keep it running until SIGTERM/SIGINT.",
            "With no arguments: a single-node cluster on 127.0.0.1 (ports 7400/7401/7402), data in ./kwam-data, "
                    + "and a DEVELOPMENT CA created there on first start.",
            "GET http://127.0.0.1:METRICS_PORT/ready answers 200 once the node is an Up cluster member and its store takes writes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped on SIGTERM/SIGINT after leaving the cluster",
            "1:the --policy file has errors, or the cluster removed this node",
            "2:usage error, or a start-up failure (port in use, unusable data or PKI directory)"})
final class UpCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(15);

    @Spec
    private CommandSpec spec;

    @Option(names = "--name", paramLabel = "N", description = "Node name (default kwam-1; key kwam.node.name).")
    private String name;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./kwam-data; key kwam.node.data).")
    private Path data;

    @Option(names = "--pki", paramLabel = "DIR2",
            description = "Directory from kwam pki issue: ca.crt, node.crt, node.key (default: a development CA under DIR/pki).")
    private Path pki;

    @Option(names = "--control-port", paramLabel = "P1", description = "Cluster (Artery, mutual TLS) port (default 7400).")
    private Integer controlPort;

    @Option(names = "--data-port", paramLabel = "P2", description = "Data-plane port (default 7401; reserved, not yet served).")
    private Integer dataPort;

    @Option(names = "--metrics-port", paramLabel = "P3", description = "/health and /ready port on 127.0.0.1 (default 7402).")
    private Integer metricsPort;

    @Option(names = "--raft-port", paramLabel = "P4",
            description = "Consensus (Raft) peer port (default 7403; key kwam.node.consensus.raft-port).")
    private Integer raftPort;

    @Option(names = "--voter", paramLabel = "NAME=HOST:P4",
            description = "A voter of the consensus group (repeatable; the same list on every node). None: a founding node "
                    + "is a group of one and joining nodes use the group of the cluster they join.")
    private List<String> voters = new ArrayList<>();

    @Option(names = "--keyring", paramLabel = "DIR",
            description = "The consent signers' keyring (.pub files): verifies the policy's deploy tokens and seeds the trust "
                    + "roots the first time the consensus group forms (ignored afterwards). Key kwam.node.keyring.")
    private Path keyring;

    @Option(names = "--seed", paramLabel = "HOST:P1", description = "A running node to join (repeatable). None: found a cluster.")
    private List<String> seeds = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "KIND=VALUE", description = "A fault-domain label, e.g. rack=r1 (repeatable).")
    private List<String> domains = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE", description = "A policy file; the node refuses to start on any error in it.")
    private Path policy;

    @Option(names = "--scrub-interval", paramLabel = "DURATION",
            description = "Re-hash every stored fragment this often, e.g. 5s, 10m, 24h; overrides the policy's scrub_interval "
                    + "(key kwam.node.scrub-interval).")
    private String scrubInterval;

    @Option(names = "--config", paramLabel = "FILE", description = "A HOCON file with kwam.node.* keys (flags override it).")
    private Path configFile;

    @Override
    public Integer call() throws CliException {
        Verbosity.configureLogging(true); // the node's INFO lines (cluster, PKI) are what operators read
        PrintWriter err = spec.commandLine().getErr();
        NodeSettings settings;
        try {
            settings = NodeSettings.load(flags(), Optional.ofNullable(configFile));
        } catch (NodeConfigException e) {
            throw new CliException(CliError.of(ExitCodes.USAGE_OR_IO, e.error()), e);
        }
        if (settings.policy().isPresent()) {
            List<Diagnostic> diagnostics = checkPolicy(settings.policy().get(), settings.keyring());
            if (!diagnostics.isEmpty()) {
                err.print(DiagnosticRenderer.render(diagnostics));
                err.println("kwam up: " + settings.policy().get() + " has " + diagnostics.size()
                        + " error(s); the node was not started");
                err.flush();
                return ExitCodes.CHECK_FAILED;
            }
        }
        // Handlers go in before the node starts: /ready can answer 200 before start() returns, and a
        // SIGTERM sent right then must still mean a clean stop with exit 0, not the JVM's default 143.
        AtomicBoolean stopRequested = new AtomicBoolean();
        AtomicReference<RunningNode> running = new AtomicReference<>();
        SignalHandler stop = signal -> {
            stopRequested.set(true);
            RunningNode started = running.get();
            if (started != null) {
                started.shutdown();
            }
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        RunningNode node;
        try {
            node = NodeLauncher.start(settings, ConfigFactory.empty());
        } catch (StartupException e) {
            throw new CliException(CliError.of(ExitCodes.USAGE_OR_IO, e.error()), e);
        }
        running.set(node);
        if (stopRequested.get()) {
            node.shutdown(); // idempotent: a signal that raced with set() may have asked already
        }
        try {
            // Runs until a signal or the cluster stops the ActorSystem. Once every shutdown phase has run
            // (cluster left, store closed) the ActorSystem gets a grace period to finish terminating:
            // Artery's flush to a departed peer has been seen to hang past its phase timeout.
            Instant phasesDone = null;
            while (!node.awaitTermination(POLL)) {
                if (phasesDone == null && node.shutdownCompleted()) {
                    phasesDone = Instant.now();
                }
                if (phasesDone != null && Duration.between(phasesDone, Instant.now()).compareTo(TERMINATION_GRACE) > 0) {
                    err.println("kwam up: warning: the node left the cluster and closed its store, but its ActorSystem "
                            + "did not finish terminating within " + TERMINATION_GRACE.toSeconds() + " s; exiting anyway");
                    err.flush();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.shutdown();
            return ExitCodes.USAGE_OR_IO;
        }
        if (node.stoppedByOperator()) {
            return ExitCodes.OK;
        }
        err.println("kwam up: the node stopped without being asked to: " + node.shutdownReason().map(Object::toString)
                .orElse("its ActorSystem terminated") + " (see the log above)");
        err.flush();
        return ExitCodes.CHECK_FAILED;
    }

    private static List<Diagnostic> checkPolicy(Path file, java.util.Optional<Path> keyring) throws CliException {
        try {
            return PolicyGate.check(file, keyring);
        } catch (StartupException e) {
            throw new CliException(CliError.of(ExitCodes.USAGE_OR_IO, e.error()), e);
        }
    }

    /** Only what was given on the command line, as kwam.node.* keys; validation happens in NodeSettings. */
    private Config flags() throws CliException {
        Map<String, Object> values = new LinkedHashMap<>();
        put(values, "name", name);
        put(values, "data", data == null ? null : data.toString());
        put(values, "pki", pki == null ? null : pki.toString());
        put(values, "control-port", controlPort);
        put(values, "data-port", dataPort);
        put(values, "metrics-port", metricsPort);
        put(values, "policy", policy == null ? null : policy.toString());
        put(values, "keyring", keyring == null ? null : keyring.toString());
        put(values, "consensus.raft-port", raftPort);
        put(values, "scrub-interval", scrubInterval);
        Config config = ConfigFactory.parseMap(values, "command line");
        if (!seeds.isEmpty()) {
            for (String seed : seeds) {
                try {
                    SeedAddress.parse(seed);
                } catch (IllegalArgumentException e) {
                    throw new CliException(CliError.usage("bad --seed", seed, e.getMessage(), "--seed 10.0.0.1:7400"));
                }
            }
            config = config.withValue(NodeSettings.ROOT + ".seeds", ConfigValueFactory.fromIterable(seeds));
        }
        if (!voters.isEmpty()) {
            for (String voter : voters) {
                try {
                    Voter.parse(voter);
                } catch (IllegalArgumentException e) {
                    throw new CliException(CliError.usage("bad --voter", voter, e.getMessage(), "--voter n1=10.0.0.1:7403"));
                }
            }
            config = config.withValue(NodeSettings.ROOT + ".consensus.voters", ConfigValueFactory.fromIterable(voters));
        }
        if (!domains.isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String text : domains) {
                DomainLabel label;
                try {
                    label = DomainLabel.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new CliException(CliError.usage("bad --domain", text, e.getMessage(), "--domain rack=r1"));
                }
                if (labels.put(label.kind(), label.value()) != null) {
                    throw new CliException(CliError.usage("bad --domain", text, "domain kind '" + label.kind() + "' given twice",
                            "give each kind once"));
                }
            }
            // Merged with the config file's domains; for the same kind the flag wins.
            config = config.withValue(NodeSettings.ROOT + ".domains", ConfigValueFactory.fromMap(labels));
        }
        return config;
    }

    private static void put(Map<String, Object> values, String key, Object value) {
        if (value != null) {
            values.put(NodeSettings.ROOT + "." + key, value);
        }
    }
}
