package dev.kwam.node.grpc;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.PublicKey;
import dev.kwam.dsl.consent.RefusalCode;
import dev.kwam.dsl.consent.ResourceName;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.api.KwamNode.ErrorCode;
import dev.kwam.node.audit.AuditException;
import dev.kwam.node.audit.AuditFollow;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.audit.AuditRecord;
import dev.kwam.node.consent.AgreedState;
import dev.kwam.node.consent.ChannelPointer;
import dev.kwam.node.consent.ConsentGate;
import dev.kwam.node.consent.GateDecision;
import dev.kwam.node.consent.GatedAction;
import dev.kwam.node.consent.TrustRoster;
import dev.kwam.node.consent.TrustedKey;
import dev.kwam.node.grpc.v1.AddSignerRequest;
import dev.kwam.node.grpc.v1.AuditEntry;
import dev.kwam.node.grpc.v1.DrainNodeRequest;
import dev.kwam.node.grpc.v1.DrainProgress;
import dev.kwam.node.grpc.v1.GetPointerRequest;
import dev.kwam.node.grpc.v1.KwamAdmin;
import dev.kwam.node.grpc.v1.KwamAdminHandlerFactory;
import dev.kwam.node.grpc.v1.ListTrustRequest;
import dev.kwam.node.grpc.v1.NodeMarkEntry;
import dev.kwam.node.grpc.v1.NodeMarkRequest;
import dev.kwam.node.grpc.v1.Pointer;
import dev.kwam.node.grpc.v1.QuarantineFragmentRequest;
import dev.kwam.node.grpc.v1.QuarantineResult;
import dev.kwam.node.grpc.v1.QuarantinedCopy;
import dev.kwam.node.grpc.v1.RevokeSignerRequest;
import dev.kwam.node.grpc.v1.SetPointerRequest;
import dev.kwam.node.grpc.v1.TailAuditRequest;
import dev.kwam.node.grpc.v1.TrustRoots;
import dev.kwam.node.grpc.v1.TrustedSigner;
import dev.kwam.node.maintenance.Drains;
import dev.kwam.node.maintenance.FleetMaintenance;
import dev.kwam.node.maintenance.NodeMark;
import dev.kwam.node.maintenance.NodeMarksView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;

/**
 * admin.proto's {@code KwamAdmin} for one caller: reads go straight to the agreed state; every change
 * first passes the {@link ConsentGate} with the caller's token, and is made only once the gate has
 * spent it. A refusal is PERMISSION_DENIED with one detail per reason (its KW-L2xx code first).
 */
public final class AdminGrpcService implements KwamAdmin {
    /** Newly appended audit records reach a follower within this. */
    static final Duration AUDIT_POLL = Duration.ofMillis(500);
    static final int MAX_TAIL = 100_000;

    /** What the service needs besides its caller: the agreed state, the gate in front of every change, the log it tails. */
    public record Parts(AgreedState state, ConsentGate gate, Path auditFile, Clock clock, NodeMarks nodes, Maintenance maintenance) {
    }

    /** What cordoning needs: the node's marks view, which names are nodes, and where the audit record goes first. */
    public record NodeMarks(NodeMarksView view, Predicate<String> known, Optional<AuditLog> audit, Executor blockingIo) {
    }

    /** What drain and quarantine need: a drain's progress, and the census and JHMM a quarantine acts through. */
    public record Maintenance(Drains drains, FleetMaintenance fleet) {
    }

    private final Optional<SpiffeId> caller;
    private final AgreedState state;
    private final ConsentGate gate;
    private final Path auditFile;
    private final Clock clock;
    private final NodeMarks nodes;
    private final Maintenance maintenance;

    public AdminGrpcService(Optional<SpiffeId> caller, Parts parts) {
        this.nodes = parts.nodes();
        this.maintenance = parts.maintenance();
        this.caller = caller;
        this.state = parts.state();
        this.gate = parts.gate();
        this.auditFile = parts.auditFile();
        this.clock = parts.clock();
    }

    /** The handler for one request: the service bound to the caller its verified certificate names. */
    public static org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler(Parts parts,
            Optional<SpiffeId> caller, ActorSystem<?> system) {
        return KwamAdminHandlerFactory.create(new AdminGrpcService(caller, parts), classic -> GrpcErrors::trailers, system);
    }

    @Override
    public CompletionStage<Pointer> setPointer(SetPointerRequest in) {
        ResourceName scope = scope("channel", in.getChannel(), "channel");
        Cid cid = cid(in.getCid());
        GatedAction action = new GatedAction(caller(), "pointer.set", Capability.DEPLOY, scope, Optional.of(cid));
        return gated(action, in.getGrant(), tokenId -> state.setPointer(in.getChannel(), cid, action.caller().toString(), tokenId))
                .thenApply(AdminGrpcService::toProto);
    }

    @Override
    public CompletionStage<Pointer> getPointer(GetPointerRequest in) {
        scope("channel", in.getChannel(), "channel");
        return state.pointer(in.getChannel()).thenApply(p -> p.map(AdminGrpcService::toProto).orElseThrow(() -> GrpcErrors.of(
                ErrorCode.NOT_FOUND, "channel '" + in.getChannel() + "' was never set",
                List.of("set it with kwam pointer set " + in.getChannel() + " CID --grant TOKEN"))));
    }

    @Override
    public CompletionStage<TrustRoots> listTrust(ListTrustRequest in) {
        return state.roster().thenApply(AdminGrpcService::toProto);
    }

    @Override
    public CompletionStage<TrustRoots> addSigner(AddSignerRequest in) {
        SignerKey key;
        try {
            key = new SignerKey(in.getSigner(), in.getKeyId(), PublicKey.parse(in.getPublicKey()));
        } catch (IllegalArgumentException e) {
            throw GrpcErrors.invalidArgument("AddSigner: " + e.getMessage());
        }
        Set<Capability> caps = capabilities(in.getCapabilitiesList());
        String person = in.getPerson().isEmpty() ? key.id() : in.getPerson();
        GatedAction action = new GatedAction(caller(), "trust.add-signer", Capability.TRUST, scope("trust", key.id(), "key id"),
                Optional.empty());
        // Refused before the token is spent when the roots already list the id or the key: a token is not burnt for nothing.
        return state.roster().thenCompose(roster -> {
            roster.keys().stream().filter(k -> k.key().id().equals(key.id()) || k.key().key().equals(key.key())).findFirst()
                    .ifPresent(k -> {
                        throw GrpcErrors.invalidArgument("AddSigner: the trust roots already list " + (k.key().id().equals(key.id())
                                ? "key id '" + key.id() + "'" : "that public key, as '" + k.key().id() + "'")
                                + (k.isRevoked() ? " (revoked: a revoked key or id is never reused)" : ""));
                    });
            return gated(action, in.getGrant(), tokenId -> state.addSigner(new TrustedKey(key, person, caps,
                    new TrustedKey.Change(clock.instant(), tokenId), Optional.empty())));
        }).thenApply(AdminGrpcService::toProto);
    }

    @Override
    public CompletionStage<TrustRoots> revokeSigner(RevokeSignerRequest in) {
        GatedAction action = new GatedAction(caller(), "trust.revoke-signer", Capability.TRUST, scope("trust", in.getKeyId(), "key id"),
                Optional.empty());
        return state.roster().thenCompose(roster -> {
            TrustedKey listed = roster.keys().stream().filter(k -> k.key().id().equals(in.getKeyId())).findFirst()
                    .orElseThrow(() -> GrpcErrors.of(ErrorCode.NOT_FOUND, "RevokeSigner: the trust roots list no key '" + in.getKeyId()
                            + "'", List.of("kwam trust list shows the keys")));
            if (listed.isRevoked()) {
                throw GrpcErrors.invalidArgument("RevokeSigner: key '" + in.getKeyId() + "' was already revoked at "
                        + listed.revoked().get().at());
            }
            return gated(action, in.getGrant(), tokenId -> state.revokeSigner(in.getKeyId(), new TrustedKey.Change(clock.instant(), tokenId)));
        }).thenApply(AdminGrpcService::toProto);
    }

    @Override
    public CompletionStage<dev.kwam.node.grpc.v1.NodeMarks> cordonNode(NodeMarkRequest in) {
        String node = in.getNode();
        String by = caller().toString();
        return state.nodeMarks().thenCompose(marks -> {
            NodeMark mark = marks.get(node);
            if (mark == null) {
                knownNode(node);
            } else if (mark.state() != NodeMark.State.CORDONED) {
                // A cordon over a drain would quietly stop it: stopping a drain is uncordon's job, and says so.
                throw GrpcErrors.invalidArgument("node " + node + " is " + mark.state().word() + " (since " + mark.at() + "), which "
                        + "already takes no new fragments; kwam node uncordon " + node + " puts it back in service");
            }
            return audited("node.cordon", node, () -> state.markNode(node, NodeMark.State.CORDONED, by, ""));
        });
    }

    @Override
    public CompletionStage<dev.kwam.node.grpc.v1.NodeMarks> uncordonNode(NodeMarkRequest in) {
        String node = in.getNode();
        SpiffeId who = caller();
        // Any mark: a draining node stops draining (what moved stays moved), a drained one takes fragments again. A
        // marked node may have left the cluster (drained, then stopped); any other must be a member.
        return state.nodeMarks().thenCompose(marks -> {
            if (!marks.containsKey(node)) {
                knownNode(node);
            }
            return audited("node.uncordon", node, () -> state.clearNode(node, who.toString()));
        });
    }

    @Override
    public CompletionStage<DrainProgress> drainNode(DrainNodeRequest in) {
        String node = knownNode(in.getNode());
        GatedAction action = new GatedAction(caller(), "node.drain", Capability.DRAIN, scope("node", node, "node name"), Optional.empty());
        String by = action.caller().toString();
        return maintenance.drains().marks().thenCompose(marks -> {
            NodeMark mark = marks.get(node);
            if (mark != null && mark.state() != NodeMark.State.CORDONED) {
                // Refused before the token is spent: a drain under way is followed, not started twice.
                throw GrpcErrors.invalidArgument("node " + node + " is already " + mark.state().word() + " (since " + mark.at() + ", by "
                        + mark.by() + "); follow it with kwam node drain-status " + node);
            }
            return gated(action, in.getGrant(), tokenId -> state.markNode(node, NodeMark.State.DRAINING, by, tokenId));
        }).thenCompose(marks -> {
            maintenance.drains().started(node, marks);
            return maintenance.drains().progress(node, marks);
        }).thenApply(AdminGrpcService::toProto);
    }

    @Override
    public CompletionStage<DrainProgress> drainStatus(NodeMarkRequest in) {
        String node = in.getNode();
        return maintenance.drains().marks().thenCompose(marks -> {
            if (!marks.containsKey(node)) {
                knownNode(node); // a drained node may have left the cluster; any other must be a member
            }
            return maintenance.drains().progress(node, marks);
        }).thenApply(AdminGrpcService::toProto);
    }

    @Override
    public CompletionStage<QuarantineResult> quarantineFragment(QuarantineFragmentRequest in) {
        Cid fragment = cid(in.getFragment());
        GatedAction action = new GatedAction(caller(), "fragment.quarantine", Capability.QUARANTINE,
                scope("fragment", fragment.hex(), "fragment"), Optional.of(fragment));
        String reason = "operator quarantine by " + action.caller() + (in.getReason().isBlank() ? "" : ": " + in.getReason());
        // Refused before the token is spent when the census places no copy: nothing would be taken out of service.
        return maintenance.fleet().copiesOf(fragment).thenCompose(copies -> {
            if (copies.isEmpty()) {
                throw GrpcErrors.of(ErrorCode.NOT_FOUND, "the census places no copy of fragment " + fragment + " on any node",
                        List.of("kwam client stat OBJECT lists each stripe's fragment cids"));
            }
            return gated(action, in.getGrant(), tokenId -> {
                List<CompletableFuture<FleetMaintenance.CopyOutcome>> outcomes = copies.stream()
                        .map(c -> maintenance.fleet().quarantine(c, reason + " (token " + tokenId + ")").toCompletableFuture()).toList();
                return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                        .thenApply(x -> outcomes.stream().map(CompletableFuture::join).toList());
            });
        }).thenApply(outcomes -> {
            QuarantineResult.Builder b = QuarantineResult.newBuilder().setFragment(fragment.toString());
            outcomes.forEach(o -> b.addCopies(QuarantinedCopy.newBuilder().setNode(o.copy().node()).setStripe(o.copy().stripe().toString())
                    .setIndex(o.copy().index()).setOutcome(o.outcome())));
            return b.build();
        });
    }

    static DrainProgress toProto(Drains.Progress p) {
        DrainProgress.Builder b = DrainProgress.newBuilder().setNode(p.node()).setState(p.state()).setRemaining(p.remaining());
        p.mark().ifPresent(m -> b.setSince(m.at().toString()).setBy(m.by()));
        return b.build();
    }

    /** Writes the allowed decision to the audit log (fsync'd) before {@code change} runs, then refreshes this node's view. */
    private CompletionStage<dev.kwam.node.grpc.v1.NodeMarks> audited(String action, String node,
            java.util.function.Supplier<CompletionStage<Map<String, NodeMark>>> change) {
        AuditRecord record = new AuditRecord("gated-action", caller().toString(), action, "node." + node, "allowed",
                "the caller holds 'cordon' (or no policy is enforced)");
        CompletionStage<Void> written = nodes.audit().map(log -> CompletableFuture.runAsync(() -> {
            try {
                log.append(record);
            } catch (AuditException e) {
                throw GrpcErrors.of(ErrorCode.INTERNAL, action + " not done: the audit record could not be written: " + e.why(),
                        List.of(e.fix()));
            }
        }, nodes.blockingIo())).orElse(CompletableFuture.completedFuture(null));
        return written.thenCompose(done -> change.get()).thenApply(marks -> {
            nodes.view().update(marks);
            return toProto(marks);
        });
    }

    private String knownNode(String node) {
        if (!nodes.known().test(node)) {
            throw GrpcErrors.of(ErrorCode.NOT_FOUND, "no node named '" + node + "' is a member of this cluster",
                    List.of("kwam client status lists the nodes by name"));
        }
        return node;
    }

    static dev.kwam.node.grpc.v1.NodeMarks toProto(Map<String, NodeMark> marks) {
        dev.kwam.node.grpc.v1.NodeMarks.Builder b = dev.kwam.node.grpc.v1.NodeMarks.newBuilder();
        marks.forEach((node, m) -> b.addMarks(NodeMarkEntry.newBuilder().setNode(node).setState(m.state().word())
                .setSince(m.at().toString()).setBy(m.by())));
        return b.build();
    }

    @Override
    public Source<AuditEntry, NotUsed> tailAudit(TailAuditRequest in) {
        if (in.getLast() < 0 || in.getLast() > MAX_TAIL) {
            throw GrpcErrors.invalidArgument("TailAudit: last must be within 0.." + MAX_TAIL + ", got " + in.getLast());
        }
        return AuditFollow.lines(auditFile, in.getLast(), in.getFollow(), AUDIT_POLL)
                .map(line -> AuditEntry.newBuilder().setLine(line).build());
    }

    /** A change needs to know who asks: the consent gate checks that caller's grants and records it as the spender. */
    private SpiffeId caller() {
        return caller.orElseThrow(() -> GrpcErrors.of(ErrorCode.PERMISSION_DENIED, "the caller's identity is UNAVAILABLE (the data "
                + "port did not pass on the TLS session), so no consent-gated change is made", List.of()));
    }

    /** Runs {@code change} with the id of the token the gate spent for {@code action}; refuses without running it otherwise. */
    private <T> CompletionStage<T> gated(GatedAction action, String grant, Function<String, CompletionStage<T>> change) {
        if (grant.isEmpty()) {
            throw GrpcErrors.of(ErrorCode.PERMISSION_DENIED, action.name() + " needs a consent token (--grant grant://…) "
                    + "carrying '" + action.capability().keyword() + "' over " + action.scope(), List.of());
        }
        return gate.authorize(action, grant).thenCompose(decision -> {
            if (decision instanceof GateDecision.Refused refused) {
                return CompletableFuture.failedStage(GrpcErrors.of(ErrorCode.PERMISSION_DENIED, action.name() + " refused: "
                        + refused.reason(), refused.refusals().stream().map(r -> r + " (fix: " + r.hint() + ")").toList()));
            }
            String tokenId = ((GateDecision.Permitted) decision).tokenId();
            return change.apply(tokenId).exceptionallyCompose(failure -> CompletableFuture.failedStage(unknownOutcome(action, tokenId,
                    failure)));
        });
    }

    /**
     * The token is spent and the change went to consensus, which did not answer: it may or may not have been applied.
     * Said as such — never as a bare internal error, which a script would retry with a new token and so apply twice.
     */
    private static Throwable unknownOutcome(GatedAction action, String tokenId, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!(cause instanceof dev.kwam.consensus.ConsensusException consensus)) {
            return failure;
        }
        if (!consensus.error().code().startsWith("consensus.")) {
            // A definite refusal by the state itself (a key id already listed, a key not there), decided after the spend.
            return GrpcErrors.of(ErrorCode.INVALID_ARGUMENT, action.name() + " not done: " + consensus.why() + "; token " + tokenId
                    + " was spent by this attempt", List.of(consensus.fix()));
        }
        return GrpcErrors.of(ErrorCode.OUTCOME_UNKNOWN, action.name() + ": " + RefusalCode.CONSENSUS_UNAVAILABLE.code()
                + " token " + tokenId + " was spent, but consensus did not confirm the change: it may or may not have been "
                + "applied (" + consensus.why() + ")", List.of("read the state back (kwam pointer get / kwam trust list) before "
                        + "acting again; the token cannot be used again, so mint a new one only if the change is not there"));
    }

    private static ResourceName scope(String kind, String name, String what) {
        try {
            return ResourceName.parse(kind + "." + name);
        } catch (IllegalArgumentException e) {
            throw GrpcErrors.invalidArgument("'" + name + "' is not a valid " + what + ": use letters, digits, '_', '-' and '.'");
        }
    }

    private static Cid cid(String text) {
        return Cid.tryParse(text).orElseThrow(() -> GrpcErrors.invalidArgument("'" + text
                + "' is not a content id (expected sha256: followed by 64 lowercase hex digits)"));
    }

    private static Set<Capability> capabilities(List<String> words) {
        if (words.isEmpty()) {
            throw GrpcErrors.invalidArgument("AddSigner: give the capabilities the key may consent to (--caps deploy,drain,…)");
        }
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (String w : words) {
            caps.add(Capability.fromKeyword(w).orElseThrow(() -> GrpcErrors.invalidArgument("AddSigner: unknown capability '" + w
                    + "'; one of " + java.util.Arrays.stream(Capability.values()).map(Capability::keyword).toList())));
        }
        return caps;
    }

    static Pointer toProto(ChannelPointer p) {
        return Pointer.newBuilder().setChannel(p.channel()).setCid(p.cid().toString()).setVersion(p.version())
                .setSetAt(p.setAt().toString()).setSetBy(p.setBy()).setPrevious(p.previous().map(Cid::toString).orElse("")).build();
    }

    static TrustRoots toProto(TrustRoster roster) {
        TrustRoots.Builder b = TrustRoots.newBuilder().setSeeded(roster.seeded());
        for (TrustedKey k : roster.keys()) {
            TrustedSigner.Builder s = TrustedSigner.newBuilder().setKeyId(k.key().id()).setSigner(k.key().signer())
                    .setPerson(k.person()).setPublicKey(k.key().key().toString())
                    .addAllCapabilities(k.capabilities().stream().map(Capability::keyword).sorted().toList())
                    .setAddedAt(k.added().at().toString()).setAddedBy(k.added().by());
            k.revoked().ifPresent(r -> s.setRevokedAt(r.at().toString()).setRevokedBy(r.by()));
            b.addSigners(s);
        }
        return b.build();
    }
}
