package dev.kwam.consensus;

import dev.kwam.actors.error.KwamError;
import dev.kwam.actors.pki.MutualTls;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * How any node, voter or not, reaches the group: commands go through the Raft log, reads through the
 * leader's read index. Ratis finds the leader and retries (with the same call id, so the group's retry cache
 * answers a repeat rather than applying it twice) until {@code timeout}; then the outcome is unknown and
 * the caller is told so. Knows bytes only: the state machines' own clients encode their protocols.
 */
public final class ConsensusClient implements AutoCloseable {
    /** Between retries while the group elects a leader (elections take one to two seconds here). */
    private static final Duration RETRY_SLEEP = Duration.ofMillis(200);
    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(3);

    private final Voters voters;
    private final Duration timeout;
    private final RaftClient raft;

    private ConsensusClient(Voters voters, Duration timeout, RaftClient raft) {
        this.voters = voters;
        this.timeout = timeout;
        this.raft = raft;
    }

    /** A client of the group made of {@code voters}; each call gives up after {@code timeout}. */
    public static ConsensusClient connect(Voters voters, Duration timeout) {
        return connect(voters, timeout, Optional.empty());
    }

    /** As {@link #connect(Voters, Duration)}, over mutual TLS with {@code tls} when given (the peers must use it too). */
    public static ConsensusClient connect(Voters voters, Duration timeout, Optional<MutualTls> tls) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        // One attempt may wait up to a third of the call (at most 3 s): enough for a leader's fsync under load,
        // short enough that a dead peer is given up on while the call has time left for the next one.
        Duration attempt = timeout.dividedBy(3).compareTo(MAX_ATTEMPT) > 0 ? MAX_ATTEMPT : timeout.dividedBy(3);
        int retries = (int) Math.max(1, timeout.toMillis() / RETRY_SLEEP.toMillis());
        RaftClient raft = RaftClient.newBuilder()
                .setProperties(GroupProperties.forClient(attempt))
                .setParameters(GroupProperties.parameters(tls))
                .setRaftGroup(voters.raftGroup())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(retries, GroupProperties.millis(RETRY_SLEEP)))
                .build();
        return new ConsensusClient(voters, timeout, raft);
    }

    /** Appends {@code command} to the log; completes with the state machine's reply once it is applied. */
    public CompletionStage<byte[]> write(byte[] command) {
        Message message = Message.valueOf(ByteString.copyFrom(command));
        return settle("write", () -> raft.async().send(message));
    }

    /**
     * A linearizable read: sees every write acknowledged before it was sent. Unordered, so a read never waits
     * behind this client's writes still being retried; linearizability comes from the leader's read index.
     */
    public CompletionStage<byte[]> read(byte[] query) {
        Message message = Message.valueOf(ByteString.copyFrom(query));
        return settle("read", () -> raft.async().sendReadOnlyUnordered(message));
    }

    /** Waits for a reply of this client (or of a client built on it), for callers outside an actor. */
    public static <T> T await(CompletionStage<T> reply) throws ConsensusException {
        try {
            return reply.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsensusException(KwamError.of("consensus.interrupted", "consensus call interrupted", null,
                    "the calling thread was interrupted", "the call may still complete; repeat it to learn its outcome"), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConsensusException ce) {
                throw ce;
            }
            throw new ConsensusException(KwamError.of("consensus.failed", "consensus call failed", null,
                    String.valueOf(e.getCause()), "repeat the call"), e.getCause());
        }
    }

    private CompletionStage<byte[]> settle(String kind, Supplier<CompletableFuture<RaftClientReply>> call) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        attempt(kind, call, System.nanoTime() + timeout.toNanos(), result);
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                        unwrap(failure) instanceof ConsensusException known ? known : failed(kind, unwrap(failure))));
    }

    /**
     * Ratis retries lost connections and a missing or moved leader itself, but answers a read that finds no
     * leader yet (just after start, during an election) with a ReadIndexException: that one is retried here.
     */
    private void attempt(String kind, Supplier<CompletableFuture<RaftClientReply>> call, long deadline,
                         CompletableFuture<byte[]> result) {
        call.get().whenComplete((reply, failure) -> {
            Throwable cause = failure != null ? unwrap(failure) : reply.isSuccess() ? null : reply.getException();
            if (cause == null) {
                result.complete(reply.getMessage().getContent().toByteArray());
            } else if (cause instanceof ReadIndexException && System.nanoTime() + RETRY_SLEEP.toNanos() < deadline) {
                CompletableFuture.runAsync(() -> attempt(kind, call, deadline, result),
                        CompletableFuture.delayedExecutor(RETRY_SLEEP.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                result.completeExceptionally(failed(kind, cause));
            }
        });
    }

    private ConsensusException failed(String kind, Throwable cause) {
        String where = "consensus group " + voters.members();
        if (cause instanceof StateMachineException refused) {
            // The state machine refused the bytes (refusals carry their own what/why): nothing was applied.
            Throwable reason = refused.getCause() != null ? refused.getCause() : refused;
            return new ConsensusException(KwamError.of("consensus.refused", "the group refused a " + kind, where,
                    String.valueOf(reason.getMessage()), "send a well-formed request from a client of the same version"), cause);
        }
        if (cause instanceof TimeoutException) {
            return new ConsensusException(KwamError.of("consensus.timeout", "no answer to a " + kind + " within " + timeout,
                    where, "no leader could be reached or a majority of voters is down; a write may or may not have been applied",
                    "check that a majority of the voters run and reach each other, then repeat the call (a spend is idempotent: "
                            + "AlreadySpent naming you means it went through)"), cause);
        }
        return new ConsensusException(KwamError.of("consensus.unreachable", "the group did not complete a " + kind, where,
                String.valueOf(cause), "check that a majority of the voters run at the addresses given, then repeat the call"), cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable out = t;
        while ((out instanceof CompletionException || out instanceof ExecutionException) && out.getCause() != null) {
            out = out.getCause();
        }
        return out;
    }

    @Override
    public void close() throws ConsensusException {
        try {
            raft.close();
        } catch (IOException e) {
            throw new ConsensusException(KwamError.of("consensus.client-close", "consensus client did not close", null,
                    String.valueOf(e.getMessage()), "nothing to do: the client held no durable state"), e);
        }
    }
}
