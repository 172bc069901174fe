package dev.kwam.placement.census;

import dev.kwam.actors.KwamSerializable;
import java.util.Map;
import java.util.Objects;

/**
 * One node of the census's directory: how to reach its data port, which fault domains it sits in,
 * and the Ed25519 key its manifests are signed with. Entries outlive membership — a node that was
 * killed still names the key its manifests carry and the fragments it held.
 *
 * @param node          the node's name ({@code kwam up --name}), unique in a cluster
 * @param spiffeId      the SPIFFE ID its certificate carries
 * @param dataEndpoint  {@code host:port} of its data plane (HTTPS, mutual TLS)
 * @param domains       fault-domain kind to value, e.g. {@code rack -> r12}; kinds as the policy lists them
 * @param manifestKey   hex of its raw 32-byte Ed25519 manifest-signing public key
 * @param registeredAtMillis when the node last registered (wall clock; the LWW timestamp)
 */
public record NodeEntry(String node, String spiffeId, String dataEndpoint, Map<String, String> domains, String manifestKey,
        long registeredAtMillis) implements KwamSerializable {
    public NodeEntry {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(spiffeId, "spiffeId");
        Objects.requireNonNull(dataEndpoint, "dataEndpoint");
        domains = Map.copyOf(domains);
        Objects.requireNonNull(manifestKey, "manifestKey");
    }
}
