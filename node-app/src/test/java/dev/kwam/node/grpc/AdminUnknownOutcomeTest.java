package dev.kwam.node.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.error.KwamError;
import dev.kwam.codec.Cid;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.ResourceGlob;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.consent.AgreedState;
import dev.kwam.node.consent.ChannelPointer;
import dev.kwam.node.consent.ConsentGate;
import dev.kwam.node.consent.TrustRoster;
import dev.kwam.node.consent.TrustedKey;
import dev.kwam.node.grpc.v1.SetPointerRequest;
import dev.kwam.node.maintenance.NodeMark;
import dev.kwam.node.maintenance.NodeMarksView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.grpc.GrpcServiceException;
import org.junit.jupiter.api.Test;

/**
 * A pointer set whose token was spent but whose change consensus did not confirm (a leader lost mid-write) is
 * reported as an unknown outcome with KW-L215 and what to check — not as an internal error a script would
 * retry with a new token and so apply twice (found by ConsensusProcessesIT).
 */
class AdminUnknownOutcomeTest {
    private static final MintingKey ALICE = MintingKey.generate("acme-prod", "alice");
    private static final Cid BUNDLE = Cid.of("bundle".getBytes(StandardCharsets.UTF_8));

    /** Trusts alice, spends every token, and never confirms a pointer move. */
    private static final class SilentPointers implements AgreedState {
        @Override
        public CompletionStage<TrustRoster> roster() {
            return CompletableFuture.completedFuture(new TrustRoster(List.of(new TrustedKey(ALICE.identity(), "alice",
                    EnumSet.allOf(Capability.class), new TrustedKey.Change(Instant.now(), TrustedKey.GENESIS), Optional.empty())), true));
        }

        @Override
        public CompletionStage<SpendResult> spend(String tokenId, String spender, String action) {
            return CompletableFuture.completedFuture(new Spent(Instant.now()));
        }

        @Override
        public CompletionStage<ChannelPointer> setPointer(String channel, Cid cid, String setBy, String tokenId) {
            return CompletableFuture.failedFuture(new ConsensusException(KwamError.of("consensus.timeout", "no answer from "
                    + "ChannelPointers " + channel + " within PT15S", channel, "a write may or may not have been applied", "repeat")));
        }

        @Override
        public CompletionStage<Optional<ChannelPointer>> pointer(String channel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<TrustRoster> addSigner(TrustedKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<TrustRoster> revokeSigner(String keyId, TrustedKey.Change change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Boolean> seedTrust(List<TrustedKey> genesis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Map<String, NodeMark>> nodeMarks() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Map<String, NodeMark>> markNode(String node, NodeMark.State state, String by, String tokenId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Map<String, NodeMark>> clearNode(String node, String by) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aSpentTokenWhoseChangeWasNotConfirmedIsAnUnknownOutcomeNotAnInternalError() throws Exception {
        SilentPointers state = new SilentPointers();
        ConsentGate gate = new ConsentGate(Optional.empty(), state, state, Optional.empty(), Clock.systemUTC(), Runnable::run);
        AdminGrpcService service = new AdminGrpcService(Optional.of(SpiffeId.parse("spiffe://kwam.test/acme/cl-1/az1/pod-1/ops/kwamd")),
                new AdminGrpcService.Parts(state, gate, Path.of("unused"), Clock.systemUTC(),
                        new AdminGrpcService.NodeMarks(NodeMarksView.none(), n -> true, Optional.empty(), Runnable::run),
                        null)); // no census or JHMM here: drain and quarantine are not called
        String token = TokenCodec.encode(ConsentMint.mint(ALICE, List.of(Capability.DEPLOY), ResourceGlob.parse("channel.prod"),
                Duration.ofMinutes(5), Optional.of(BUNDLE), Clock.systemUTC()));
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> service.setPointer(
                SetPointerRequest.newBuilder().setChannel("prod").setCid(BUNDLE.toString()).setGrant(token).build())
                .toCompletableFuture().get(30, TimeUnit.SECONDS));
        GrpcServiceException grpc = (GrpcServiceException) (failed.getCause() instanceof GrpcServiceException g ? g : failed.getCause().getCause());
        assertEquals(io.grpc.Status.Code.UNKNOWN, grpc.getStatus().getCode());
        String message = grpc.getStatus().getDescription();
        assertTrue(message.contains("KW-L215") && message.contains("was spent") && message.contains("may or may not have been applied"),
                message);
    }
}
