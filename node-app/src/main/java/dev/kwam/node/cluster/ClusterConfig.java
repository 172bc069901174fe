package dev.kwam.node.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.kwam.actors.transport.KwamSslEngineProvider;
import dev.kwam.node.config.DomainLabel;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.config.SeedAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pekko configuration of a node, derived from its {@link NodeSettings}. What is fixed for every
 * node (cluster provider, TLS transport, Split Brain Resolver, SLF4J logging) lives in
 * {@code kwam-cluster.conf}; what varies by node (addresses, seeds, roles, PKI directory) is set here
 * and always wins over a {@code pekko.*} section in the operator's config file.
 */
public final class ClusterConfig {
    /** Every node's ActorSystem has this name; Artery addresses include it, so peers must agree. */
    public static final String SYSTEM_NAME = "kwam";
    /** Every node carries this role, so tools can tell KWAM members from other cluster clients. */
    public static final String NODE_ROLE = "kwam-node";
    /**
     * Prefix of the member role carrying the node's name ({@code node-name:kwam-1}): how a member of
     * the cluster is matched with its entry in the census's node directory.
     */
    public static final String NAME_ROLE_PREFIX = "node-name:";
    /**
     * Prefix of the member role carrying the node's data endpoint ({@code data-endpoint:10.0.0.7:7401}).
     * With the name and domain roles it lets a writer place on a member the moment it is Up, before the
     * census's directory entry has gossiped over.
     */
    public static final String DATA_ENDPOINT_ROLE_PREFIX = "data-endpoint:";
    /**
     * Prefix of the member role carrying the hex of the node's manifest-signing public key: a reader
     * trusts a manifest signed by a current member even before that member's census entry arrived.
     */
    public static final String MANIFEST_KEY_ROLE_PREFIX = "manifest-key:";
    /** Prefix of the member role carrying the SPIFFE ID of the node's certificate. */
    public static final String SPIFFE_ID_ROLE_PREFIX = "spiffe-id:";
    /**
     * Prefix of the member role a consensus voter publishes ({@code raft-voter:n1=10.0.0.1:7403}): how a
     * node given no {@code --voter} finds the group of the cluster it joined.
     */
    public static final String RAFT_VOTER_ROLE_PREFIX = "raft-voter:";
    /** Members that may host the JHMM singleton: those with {@code kwam.node.repair.enabled = on}. */
    public static final String JHMM_ROLE = "kwam-jhmm";
    static final String FIXED_RESOURCE = "kwam-cluster.conf";

    private ClusterConfig() {
    }

    /** The full configuration for the node's ActorSystem, over {@code base} (normally {@code ConfigFactory.load()}). */
    public static Config of(NodeSettings settings, Path pkiDir, String spiffeId, String manifestKeyHex, Config base) {
        List<String> seeds = new ArrayList<>();
        if (settings.foundsCluster()) {
            // Joining itself is how a first node founds a cluster (Pekko: the first seed joins itself).
            seeds.add(address(settings.host(), settings.controlPort()));
        } else {
            for (SeedAddress seed : settings.seeds()) {
                seeds.add(address(seed.host(), seed.port()));
            }
        }
        List<String> roles = new ArrayList<>();
        roles.add(NODE_ROLE);
        roles.add(NAME_ROLE_PREFIX + settings.name());
        roles.add(DATA_ENDPOINT_ROLE_PREFIX + settings.host() + ":" + settings.dataPort());
        roles.add(MANIFEST_KEY_ROLE_PREFIX + manifestKeyHex);
        roles.add(SPIFFE_ID_ROLE_PREFIX + spiffeId);
        for (DomainLabel label : settings.domains()) {
            roles.add(label.role());
        }
        if (settings.heal().repairEnabled()) {
            roles.add(JHMM_ROLE);
        }
        if (settings.consensus().votes(settings.name(), settings.host(), settings.foundsCluster())) {
            roles.add(RAFT_VOTER_ROLE_PREFIX + settings.consensus().self(settings.name(), settings.host()));
        }
        Config perNode = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(settings.host()))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(settings.controlPort()))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(roles))
                .withValue("pekko.cluster.split-brain-resolver.stable-after",
                        ConfigValueFactory.fromAnyRef(settings.stableAfter().toMillis() + "ms"))
                .withValue(KwamSslEngineProvider.PKI_DIR_PATH,
                        ConfigValueFactory.fromAnyRef(pkiDir.toAbsolutePath().toString()));
        return perNode
                .withFallback(ConfigFactory.parseResources(FIXED_RESOURCE))
                .withFallback(settings.pekko())
                .withFallback(base)
                .resolve();
    }

    /** The data endpoint a member published ({@link #DATA_ENDPOINT_ROLE_PREFIX}), if any. */
    public static java.util.Optional<String> dataEndpointOf(org.apache.pekko.cluster.Member member) {
        return roleValue(member, DATA_ENDPOINT_ROLE_PREFIX);
    }

    /** The manifest key a member published ({@link #MANIFEST_KEY_ROLE_PREFIX}), or "". */
    public static String manifestKeyOf(org.apache.pekko.cluster.Member member) {
        return roleValue(member, MANIFEST_KEY_ROLE_PREFIX).orElse("");
    }

    /** The consensus voter a member published itself as ({@link #RAFT_VOTER_ROLE_PREFIX}), if it votes. */
    public static java.util.Optional<String> raftVoterOf(org.apache.pekko.cluster.Member member) {
        return roleValue(member, RAFT_VOTER_ROLE_PREFIX);
    }

    /** The SPIFFE ID a member published ({@link #SPIFFE_ID_ROLE_PREFIX}), or "". */
    public static String spiffeIdOf(org.apache.pekko.cluster.Member member) {
        return roleValue(member, SPIFFE_ID_ROLE_PREFIX).orElse("");
    }

    private static java.util.Optional<String> roleValue(org.apache.pekko.cluster.Member member, String prefix) {
        for (String role : member.getRoles()) {
            if (role.startsWith(prefix)) {
                return java.util.Optional.of(role.substring(prefix.length()));
            }
        }
        return java.util.Optional.empty();
    }

    /** The fault-domain labels a member published as {@code domain:KIND=VALUE} roles. */
    public static java.util.Map<String, String> domainsOf(org.apache.pekko.cluster.Member member) {
        java.util.Map<String, String> domains = new java.util.TreeMap<>();
        for (String role : member.getRoles()) {
            if (role.startsWith(DomainLabel.ROLE_PREFIX)) {
                String label = role.substring(DomainLabel.ROLE_PREFIX.length());
                int eq = label.indexOf('=');
                if (eq > 0) {
                    domains.put(label.substring(0, eq), label.substring(eq + 1));
                }
            }
        }
        return domains;
    }

    /** The node name a member published ({@link #NAME_ROLE_PREFIX}), if it is a KWAM node. */
    public static java.util.Optional<String> nameOf(org.apache.pekko.cluster.Member member) {
        return roleValue(member, NAME_ROLE_PREFIX);
    }

    /** The Artery address of a node's control port. */
    public static String address(String host, int port) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "pekko://" + SYSTEM_NAME + "@" + h + ":" + port;
    }
}
