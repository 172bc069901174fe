package dev.kwam.node.api;

import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.config.DomainLabel;
import dev.kwam.node.cluster.MembershipWatcher;
import dev.kwam.placement.census.NodeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.cluster.Member;

/** {@link KwamNode.MemberInfo}s from a {@link FleetView}: membership for status and reachability, the census directory for the rest. */
final class MemberInfos {
    private MemberInfos() {
    }

    static KwamNode.ClusterState state(FleetView fleet, String authorization, String consensus) {
        List<KwamNode.MemberInfo> members = new ArrayList<>();
        for (String name : fleet.names()) {
            members.add(info(fleet, name, null));
        }
        return new KwamNode.ClusterState(fleet.self(), members, authorization, consensus);
    }

    /** {@code statusAndAddress} overrides what the snapshot says (a member event is newer than the snapshot). */
    static KwamNode.MemberInfo info(FleetView fleet, String name, Map.Entry<String, String> statusAndAddress) {
        Optional<Member> member = fleet.member(name);
        Optional<NodeEntry> entry = fleet.entry(name);
        String status = member.map(m -> m.status().toString().toLowerCase(Locale.ROOT)).orElse("gone");
        String address = member.map(m -> m.address().toString()).orElse("");
        if (statusAndAddress != null) {
            status = statusAndAddress.getKey();
            address = statusAndAddress.getValue();
        }
        Map<String, String> domains = new HashMap<>();
        if (entry.isPresent()) {
            domains.putAll(entry.get().domains());
        } else {
            member.ifPresent(m -> MembershipWatcher.domains(m).forEach((DomainLabel l) -> domains.put(l.kind(), l.value())));
        }
        return new KwamNode.MemberInfo(name, address, status, fleet.reachable(name), domains,
                entry.map(NodeEntry::dataEndpoint).orElse(""), entry.map(NodeEntry::spiffeId).orElse(""),
                fleet.mark(name).map(m -> m.state().word()).orElse(""));
    }
}
