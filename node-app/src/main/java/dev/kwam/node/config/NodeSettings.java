package dev.kwam.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code kwam up} needs to start a node, read from the {@value #ROOT} section of a HOCON
 * config. Layers, highest first: command-line flags, the {@code --config} file, then the defaults in
 * {@code kwam-node.conf} (single node on loopback, ports 7400/7401/7402, data in ./kwam-data).
 *
 * @param name          the node's name; part of its development SPIFFE ID
 * @param host          the address peers use to reach this node's control port (Artery canonical host)
 * @param pki           the node's PKI directory; empty means a development CA under {@code data/pki}
 * @param domains       fault-domain labels, published as member roles ({@link DomainLabel#role()})
 * @param keyring       the consent signers' keyring the policy's deploy grants are verified against
 *                      (config only: {@code kwam.node.keyring})
 * @param stableAfter   how long membership must be stable before the Split Brain Resolver decides
 * @param pekko         extra Pekko settings from the {@code --config} file ({@code pekko.*}), applied under ours
 * @param dataPath      the write and read paths' settings (protect, placement, peer, census)
 * @param heal          scrubbing and repair (scrub-interval, scrub-rate, repair.*)
 * @param consensus     the Raft peer's port and the group's voters (consensus.*)
 */
public record NodeSettings(String name, Path data, Optional<Path> pki, String host, int controlPort, int dataPort,
        String metricsHost, int metricsPort, List<SeedAddress> seeds, List<DomainLabel> domains, Optional<Path> policy,
        Optional<Path> keyring, Duration stableAfter, long storeReserveBytes, int storeReservePercent, Config pekko,
        DataPathSettings dataPath, HealSettings heal, ConsensusSettings consensus) {
    public static final String ROOT = "kwam.node";
    /** The defaults, bundled in node-app. */
    public static final String DEFAULTS_RESOURCE = "kwam-node.conf";

    public NodeSettings {
        seeds = List.copyOf(seeds);
        domains = List.copyOf(domains);
    }

    /**
     * Settings from {@code flags} (a config holding only what was given on the command line) over
     * {@code file} (if any) over the bundled defaults.
     */
    public static NodeSettings load(Config flags, Optional<Path> file) throws NodeConfigException {
        Config fromFile = ConfigFactory.empty();
        if (file.isPresent()) {
            Path f = file.get();
            if (!Files.isRegularFile(f)) {
                throw new NodeConfigException("the config file cannot be read", f.toString(), "no such file",
                        "pass an existing HOCON file to --config (keys under kwam.node, see docs/operators.md)", null);
            }
            try {
                fromFile = ConfigFactory.parseFile(f.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new NodeConfigException("the config file is not valid HOCON", f.toString(), e.getMessage(),
                        "fix the file; docs/operators.md lists the keys", e);
            }
        }
        Config merged = flags.withFallback(fromFile).withFallback(ConfigFactory.parseResources(DEFAULTS_RESOURCE));
        try {
            return from(merged.resolve(), file.map(Path::toString).orElse("kwam-node.conf"));
        } catch (ConfigException e) {
            throw new NodeConfigException("a configuration value is wrong", e.origin() == null ? null : e.origin().description(),
                    e.getMessage(), "fix the value; docs/operators.md lists every key with its default", e);
        }
    }

    private static NodeSettings from(Config root, String origin) throws NodeConfigException {
        Config c = root.getConfig(ROOT);
        String name = c.getString("name");
        if (name.isBlank()) {
            throw bad("kwam.node.name / --name", origin, "the node needs a name", "kwam up --name node-1");
        }
        List<SeedAddress> seeds = new ArrayList<>();
        for (String s : c.getStringList("seeds")) {
            try {
                seeds.add(SeedAddress.parse(s));
            } catch (IllegalArgumentException e) {
                throw bad("kwam.node.seeds / --seed", origin, e.getMessage(), "--seed 10.0.0.1:7400 (a running node's control port)");
            }
        }
        List<DomainLabel> domains = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        Config domainTable = c.getConfig("domains");
        for (Map.Entry<String, ConfigValue> e : new LinkedHashMap<>(domainTable.root()).entrySet()) {
            DomainLabel label;
            try {
                label = new DomainLabel(e.getKey(), String.valueOf(e.getValue().unwrapped()));
            } catch (IllegalArgumentException ex) {
                throw bad("kwam.node.domains / --domain", origin, ex.getMessage(), "--domain rack=r1 --domain az=eu-1a");
            }
            if (!kinds.add(label.kind())) {
                throw bad("kwam.node.domains / --domain", origin, "domain kind '" + label.kind() + "' given twice",
                        "give each kind once");
            }
            domains.add(label);
        }
        domains.sort(java.util.Comparator.comparing(DomainLabel::kind));
        int control = port(c, "control-port", origin, false);
        int data = port(c, "data-port", origin, false);
        int metrics = port(c, "metrics-port", origin, false);
        ConsensusSettings consensus;
        try {
            consensus = ConsensusSettings.from(c);
            consensus.checkSelf(name, c.getString("host"));
        } catch (IllegalArgumentException e) {
            throw bad("kwam.node.consensus / --raft-port / --voter", origin, e.getMessage(),
                    "--raft-port 7403 --voter n1=10.0.0.1:7403 --voter n2=10.0.0.2:7403 --voter n3=10.0.0.3:7403 (the same list on every node)");
        }
        int raft = consensus.raftPort();
        if (new HashSet<>(List.of(control, data, metrics, raft)).size() < 4) {
            throw bad("the node's ports", origin, "control " + control + ", data " + data + ", metrics " + metrics + " and raft "
                    + raft + " must differ", "--control-port 7400 --data-port 7401 --metrics-port 7402 --raft-port 7403");
        }
        Duration stableAfter = c.getDuration("cluster.stable-after");
        if (stableAfter.isNegative() || stableAfter.isZero()) {
            throw bad("kwam.node.cluster.stable-after", origin, "must be positive, got " + stableAfter, "e.g. 20s");
        }
        long reserveBytes = c.getBytes("store.reserve");
        int reservePercent = c.getInt("store.reserve-percent");
        if (reserveBytes < 0 || reservePercent < 0 || reservePercent > 100) {
            throw bad("kwam.node.store", origin, "reserve must be >= 0 and reserve-percent within 0..100",
                    "e.g. reserve = 1GiB, reserve-percent = 2");
        }
        Config pekko = root.hasPath("pekko") ? root.withOnlyPath("pekko") : ConfigFactory.empty();
        DataPathSettings dataPath;
        try {
            dataPath = DataPathSettings.from(c);
        } catch (IllegalArgumentException e) {
            throw bad("kwam.node.protect / placement / peer / census", origin, e.getMessage(), "see docs/operators.md");
        }
        HealSettings heal;
        try {
            heal = HealSettings.from(c);
        } catch (IllegalArgumentException e) {
            throw bad("kwam.node.scrub-interval / scrub-rate / repair", origin, e.getMessage(), "see docs/operators.md");
        }
        return new NodeSettings(name, Path.of(c.getString("data")), optionalPath(c, "pki"), c.getString("host"),
                control, data, c.getString("metrics-host"), metrics, seeds, domains, optionalPath(c, "policy"),
                optionalPath(c, "keyring"), stableAfter, reserveBytes, reservePercent, pekko, dataPath, heal, consensus);
    }

    private static Optional<Path> optionalPath(Config c, String key) {
        String value = c.getString(key);
        return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    private static int port(Config c, String key, String origin, boolean zeroAllowed) throws NodeConfigException {
        int port = c.getInt(key);
        try {
            checkPort("kwam.node." + key, port, zeroAllowed);
        } catch (IllegalArgumentException e) {
            throw bad("kwam.node." + key + " / --" + key, origin, e.getMessage(), "a port within 1..65535");
        }
        return port;
    }

    static void checkPort(String what, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is outside 1..65535");
        }
    }

    private static NodeConfigException bad(String what, String where, String why, String fix) {
        return new NodeConfigException("bad setting " + what, where, why, fix, null);
    }

    /** True when this node founds its cluster (no seeds given): it joins itself. */
    public boolean foundsCluster() {
        return seeds.isEmpty();
    }

    /** The PKI directory in use: {@code --pki}, or the development one under the data directory. */
    public Path pkiDirectory() {
        return pki.orElse(data.resolve(dev.kwam.actors.pki.DevelopmentPki.DIRECTORY));
    }
}
