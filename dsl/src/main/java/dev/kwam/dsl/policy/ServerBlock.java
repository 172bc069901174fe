package dev.kwam.dsl.policy;

import dev.kwam.dsl.identity.SpiffeId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code server} block: the governed control plane. {@code trust} names the policy block holding
 * its trust root; a server without one can run but can sequence no deploy (KW-L050).
 * Defaults: {@code kill_switch false}, {@code allow_from []} (no network restriction beyond mTLS).
 */
public record ServerBlock(String name, SpiffeId identity, Transport transport, Ports ports, List<HostPort> seeds,
                     Optional<String> trust, Optional<String> llm, Optional<HostPort> listen, Optional<HostPort> advertise,
                     Optional<String> dataDir, boolean killSwitch, List<Cidr> allowFrom) {

    public ServerBlock {
        seeds = List.copyOf(seeds);
        allowFrom = List.copyOf(allowFrom);
    }

    public enum Transport { QUIC, GRPC }

    /** The listening ports; metrics and hud are off when absent. */
    public record Ports(int control, int data, OptionalInt metrics, OptionalInt hud) {
    }
}
