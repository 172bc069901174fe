package dev.kwam.node.grpc;

import dev.kwam.codec.Cid;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.grpc.v1.ClusterState;
import dev.kwam.node.grpc.v1.FragmentStat;
import dev.kwam.node.grpc.v1.FragmentState;
import dev.kwam.node.grpc.v1.Member;
import dev.kwam.node.grpc.v1.ObjectInfo;
import dev.kwam.node.grpc.v1.ObjectList;
import dev.kwam.node.grpc.v1.ObjectStat;
import dev.kwam.node.grpc.v1.ProtectResult;
import dev.kwam.node.grpc.v1.StripeStat;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates between {@link KwamNode}'s records and kwam.proto's messages, both ways: the service
 * writes the wire form, {@code KwamClient} reads it back into the same records an embedded node
 * answers with, so Java callers see one set of types whether the node is local or remote. Cids
 * travel as their text form and are parsed strictly on the way in.
 */
public final class ProtoMessages {
    private ProtoMessages() {
    }

    // --- node records -> wire ----------------------------------------------------------------

    public static ProtectResult toProto(KwamNode.Protected p) {
        return ProtectResult.newBuilder()
                .setObject(p.object().toString())
                .setContentCid(p.contentCid().toString())
                .setSize(p.size())
                .setStripes(p.stripes())
                .setManifest(com.google.protobuf.ByteString.copyFrom(p.manifest()))
                .setWriteQuorum(p.writeQuorum())
                .setUnplacedFragments(p.unplacedFragments())
                .build();
    }

    public static ObjectInfo toProto(KwamNode.ObjectInfo o) {
        return ObjectInfo.newBuilder().setCid(o.cid().toString()).setContentCid(o.contentCid().toString()).setSize(o.size())
                .setStripes(o.stripes()).build();
    }

    public static ObjectStat toProto(KwamNode.ObjectStat s) {
        ObjectStat.Builder b = ObjectStat.newBuilder().setObject(toProto(s.object()));
        for (KwamNode.StripeStat stripe : s.stripes()) {
            StripeStat.Builder sb = StripeStat.newBuilder().setIndex(stripe.index()).setChunk(stripe.chunk().toString())
                    .setK(stripe.k()).setM(stripe.m());
            for (KwamNode.FragmentStat f : stripe.fragments()) {
                sb.addFragments(FragmentStat.newBuilder().setIndex(f.index()).setCid(f.cid().toString()).setNode(f.node())
                        .setState(state(f.state())));
            }
            b.addStripes(sb);
        }
        return b.build();
    }

    public static ObjectList toProto(KwamNode.ObjectList list) {
        ObjectList.Builder b = ObjectList.newBuilder();
        list.objects().forEach(o -> b.addObjects(toProto(o)));
        return b.build();
    }

    public static ClusterState toProto(KwamNode.ClusterState state) {
        ClusterState.Builder b = ClusterState.newBuilder().setSelf(state.self()).setAuthorization(state.authorization())
                .setConsensus(state.consensus());
        for (KwamNode.MemberInfo m : state.members()) {
            b.addMembers(Member.newBuilder().setNode(m.node()).setAddress(m.address()).setStatus(m.status())
                    .setReachable(m.reachable()).putAllDomains(m.domains()).setDataEndpoint(m.dataEndpoint())
                    .setSpiffeId(m.spiffeId()).setMark(m.mark()));
        }
        return b.build();
    }

    /** KwamNode's lower-case state names; an unknown one is UNSPECIFIED rather than a guess. */
    static FragmentState state(String name) {
        switch (name) {
            case "ok":
                return FragmentState.FRAGMENT_STATE_OK;
            case "missing":
                return FragmentState.FRAGMENT_STATE_MISSING;
            case "corrupt":
                return FragmentState.FRAGMENT_STATE_CORRUPT;
            case "repairing":
                return FragmentState.FRAGMENT_STATE_REPAIRING;
            default:
                return FragmentState.FRAGMENT_STATE_UNSPECIFIED;
        }
    }

    // --- wire -> node records ----------------------------------------------------------------

    public static KwamNode.Protected fromProto(ProtectResult p) {
        return new KwamNode.Protected(cid(p.getObject()), cid(p.getContentCid()), p.getSize(), p.getStripes(),
                p.getManifest().toByteArray(), p.getWriteQuorum(), p.getUnplacedFragments());
    }

    public static KwamNode.ObjectInfo fromProto(ObjectInfo o) {
        return new KwamNode.ObjectInfo(cid(o.getCid()), cid(o.getContentCid()), o.getSize(), o.getStripes());
    }

    public static KwamNode.ObjectStat fromProto(ObjectStat s) {
        List<KwamNode.StripeStat> stripes = new ArrayList<>();
        for (StripeStat stripe : s.getStripesList()) {
            List<KwamNode.FragmentStat> fragments = new ArrayList<>();
            for (FragmentStat f : stripe.getFragmentsList()) {
                fragments.add(new KwamNode.FragmentStat(f.getIndex(), cid(f.getCid()), f.getNode(), stateName(f.getState())));
            }
            stripes.add(new KwamNode.StripeStat(stripe.getIndex(), cid(stripe.getChunk()), stripe.getK(), stripe.getM(), fragments));
        }
        return new KwamNode.ObjectStat(fromProto(s.getObject()), stripes);
    }

    public static KwamNode.ObjectList fromProto(ObjectList list) {
        return new KwamNode.ObjectList(list.getObjectsList().stream().map(ProtoMessages::fromProto).toList());
    }

    public static KwamNode.ClusterState fromProto(ClusterState state) {
        List<KwamNode.MemberInfo> members = new ArrayList<>();
        for (Member m : state.getMembersList()) {
            members.add(new KwamNode.MemberInfo(m.getNode(), m.getAddress(), m.getStatus(), m.getReachable(), m.getDomainsMap(),
                    m.getDataEndpoint(), m.getSpiffeId(), m.getMark()));
        }
        // A node from before the field answers "": say it is not known rather than guess what it enforces.
        return new KwamNode.ClusterState(state.getSelf(), members,
                state.getAuthorization().isEmpty() ? "UNAVAILABLE (the node does not report it)" : state.getAuthorization(),
                state.getConsensus().isEmpty() ? "UNAVAILABLE (the node does not report it)" : state.getConsensus());
    }

    static String stateName(FragmentState state) {
        switch (state) {
            case FRAGMENT_STATE_OK:
                return "ok";
            case FRAGMENT_STATE_MISSING:
                return "missing";
            case FRAGMENT_STATE_CORRUPT:
                return "corrupt";
            case FRAGMENT_STATE_REPAIRING:
                return "repairing";
            default:
                return "unknown";
        }
    }

    /** A cid from the wire; a malformed one means the peer is not a KWAM node we understand. */
    private static Cid cid(String text) {
        return Cid.tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "the node sent a malformed content id: '" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'"));
    }
}
