package dev.kwam.node.cluster;

import dev.kwam.jhmm.Fleet;
import dev.kwam.node.maintenance.NodeMark;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.Node;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.NodeEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * One moment's view of the fleet as the data path uses it: the census's node directory (endpoints,
 * domains, manifest keys; entries outlive membership) joined with the cluster's membership. A node
 * is <em>live</em> when it is in the directory and an {@code Up} member this node's failure
 * detector reaches — only live nodes are offered fragments, and a fragment whose holder is not live
 * counts as missing. Immutable: built fresh for each request, so a placement and the writes it
 * drives agree on one snapshot.
 */
public final class FleetView implements Fleet {
    private final String self;
    private final Map<String, NodeEntry> directory;
    private final Set<String> live;
    private final Map<String, Member> members;
    private final Set<String> unreachable;
    private final Map<String, NodeMark> marks;

    FleetView(String self, Map<String, NodeEntry> directory, Map<String, Member> members, Set<String> unreachable,
            Map<String, NodeMark> marks) {
        this.self = self;
        this.marks = Map.copyOf(marks);
        this.directory = Map.copyOf(directory);
        this.members = Map.copyOf(members);
        this.unreachable = Set.copyOf(unreachable);
        Set<String> up = new TreeSet<>();
        members.forEach((name, member) -> {
            if (member.status().equals(MemberStatus.up()) && !unreachable.contains(name) && directory.containsKey(name)) {
                up.add(name);
            }
        });
        this.live = Set.copyOf(up);
    }

    /** The view from a cluster state snapshot and the directory's entries. */
    public static FleetView of(String self, ClusterEvent.CurrentClusterState state, Collection<NodeEntry> directory) {
        return of(self, state, directory, Map.of());
    }

    /** As {@link #of(String, ClusterEvent.CurrentClusterState, Collection)}, with the operators' node marks (cordon, drain). */
    public static FleetView of(String self, ClusterEvent.CurrentClusterState state, Collection<NodeEntry> directory,
            Map<String, NodeMark> marks) {
        Map<String, NodeEntry> byName = new HashMap<>();
        for (NodeEntry e : directory) {
            byName.merge(e.node(), e, (a, b) -> a.registeredAtMillis() >= b.registeredAtMillis() ? a : b);
        }
        Map<String, Member> members = new HashMap<>();
        for (Member m : state.getMembers()) {
            ClusterConfig.nameOf(m).ifPresent(name -> members.merge(name, m,
                    (a, b) -> a.upNumber() <= b.upNumber() && a.status().equals(MemberStatus.up()) ? a : b));
        }
        // A member that is Up before its directory entry has gossiped here still published its endpoint and
        // domains, SPIFFE ID and manifest key as roles: enough to place on, send to and trust its manifests.
        members.forEach((name, m) -> {
            if (!byName.containsKey(name)) {
                ClusterConfig.dataEndpointOf(m).ifPresent(endpoint -> byName.put(name,
                        new NodeEntry(name, ClusterConfig.spiffeIdOf(m), endpoint, ClusterConfig.domainsOf(m),
                                ClusterConfig.manifestKeyOf(m), 0L)));
            }
        });
        Set<String> unreachable = new HashSet<>();
        for (Member m : state.getUnreachable()) {
            ClusterConfig.nameOf(m).ifPresent(unreachable::add);
        }
        return new FleetView(self, byName, members, unreachable, marks);
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public Set<String> live() {
        return live;
    }

    @Override
    public boolean isLive(String node) {
        return live.contains(node);
    }

    public Optional<NodeEntry> entry(String node) {
        return Optional.ofNullable(directory.get(node));
    }

    @Override
    public Map<String, String> labels(String node) {
        return entry(node).map(NodeEntry::domains).orElse(Map.of());
    }

    public Map<String, NodeEntry> directory() {
        return directory;
    }

    public Optional<Member> member(String node) {
        return Optional.ofNullable(members.get(node));
    }

    public boolean reachable(String node) {
        return members.containsKey(node) && !unreachable.contains(node);
    }

    /**
     * Members not (yet) downed: the live ones plus those only unreachable, joining or leaving. A node here
     * may come back with its fragments, so its census slots are not yet lost (docs/jhmm.md, "Detection").
     */
    @Override
    public Set<String> present() {
        Set<String> present = new TreeSet<>();
        members.forEach((name, member) -> {
            MemberStatus status = member.status();
            if (!status.equals(MemberStatus.down()) && !status.equals(MemberStatus.removed())
                    && !status.equals(MemberStatus.exiting())) {
                present.add(name);
            }
        });
        return present;
    }

    /** Every name known to the membership or the directory, sorted. */
    public Set<String> names() {
        Set<String> all = new TreeSet<>(directory.keySet());
        all.addAll(members.keySet());
        return all;
    }

    /** The mark an operator put on {@code node} (cordoned, draining, drained); empty while it is in service. */
    public Optional<NodeMark> mark(String node) {
        return Optional.ofNullable(marks.get(node));
    }

    /** Every mark an operator put on a node, by node name. */
    public Map<String, NodeMark> marks() {
        return marks;
    }

    /**
     * The fleet as the JHMM plans repairs on, under {@code agreed} marks (read through consensus, fresher than this
     * view's): a node being drained, or drained, is neither live nor present there, so what it holds counts as lost
     * and is rebuilt elsewhere, while reads (on this view) still use its copies until the drain has moved them.
     */
    public FleetView forRepair(Map<String, NodeMark> agreed) {
        Map<String, Member> staying = new HashMap<>(members);
        agreed.forEach((node, mark) -> {
            if (mark.state() != NodeMark.State.CORDONED) {
                staying.remove(node);
            }
        });
        return new FleetView(self, directory, staying, unreachable, agreed);
    }

    /** The live nodes a new fragment may go to: live and without a mark. */
    public Set<String> placeable() {
        Set<String> placeable = new TreeSet<>(live);
        placeable.removeAll(marks.keySet());
        return placeable;
    }

    /**
     * The topology new fragments are placed on: {@link #placeable()}. Holders are found on {@link #topology()},
     * which keeps marked nodes, since a cordoned node still serves what it holds.
     */
    public Topology placementTopology() {
        List<Node> nodes = new ArrayList<>();
        for (String name : placeable()) {
            nodes.add(Node.of(name, directory.get(name).domains()));
        }
        return Topology.of(nodes);
    }

    /** The live nodes as the placer sees them, with the domain labels they registered in the census. */
    @Override
    public Topology topology() {
        List<Node> nodes = new ArrayList<>();
        for (String name : live) {
            nodes.add(Node.of(name, directory.get(name).domains()));
        }
        return Topology.of(nodes);
    }

    /**
     * The anti-affinity levels to place by: {@code configured} when given; otherwise the domain kinds
     * every live node carries, the kind with the most distinct values (the smallest domain) first — a
     * deterministic choice, so every node derives the same levels from the same directory.
     */
    @Override
    public AntiAffinity antiAffinity(List<String> configured) {
        if (!configured.isEmpty()) {
            return new AntiAffinity(configured);
        }
        Map<String, Set<String>> values = new TreeMap<>();
        boolean first = true;
        for (String name : live) {
            Map<String, String> labels = directory.get(name).domains();
            if (first) {
                labels.forEach((k, v) -> values.computeIfAbsent(k, x -> new HashSet<>()).add(v));
                first = false;
            } else {
                values.keySet().retainAll(labels.keySet());
                labels.forEach((k, v) -> values.computeIfPresent(k, (x, set) -> {
                    set.add(v);
                    return set;
                }));
            }
        }
        List<String> kinds = new ArrayList<>(values.keySet());
        kinds.sort(Comparator.<String>comparingInt(k -> -values.get(k).size()).thenComparing(Comparator.naturalOrder()));
        return new AntiAffinity(kinds);
    }

    public static NodeId id(String node) {
        return NodeId.of(node);
    }
}
