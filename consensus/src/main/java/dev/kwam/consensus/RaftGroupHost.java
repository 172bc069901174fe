package dev.kwam.consensus;

import dev.kwam.actors.error.KwamError;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.ExitUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of the node's consensus group: a Ratis server bound to its own address, its log and snapshots
 * under {@link PeerSettings#storage()}. Shaped like node-app's {@code Subsystem} ({@link #name()},
 * {@link #stopPhase()}, {@link #stop()}) so the composition root can register it without this module
 * knowing node-app.
 */
public final class RaftGroupHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftGroupHost.class);
    /** Files last: the log may still be written while ports unbind, as for the fragment store. */
    public static final String STOP_PHASE = "before-actor-system-terminate";

    private final PeerSettings settings;
    private final RaftServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong adminCalls = new AtomicLong();
    private final ClientId adminClient = ClientId.randomId();

    private RaftGroupHost(PeerSettings settings, RaftServer server) {
        this.settings = settings;
        this.server = server;
    }

    /**
     * Starts the peer and returns once it serves (a leader may not be elected yet). An existing log and
     * snapshot under the storage directory are recovered; an empty directory is formatted.
     */
    public static RaftGroupHost start(PeerSettings settings, StateMachine stateMachine) throws ConsensusException {
        // Ratis calls System.exit(1) on some failures (a port already bound, a failed state machine update):
        // embedded in a node that also serves fragments, that would take the whole node down for one
        // subsystem's fault. Disabled, those failures throw instead: a start fails with the error below, and
        // a peer that breaks later stops answering, so spends time out and gated actions are refused.
        ExitUtils.disableSystemExit();
        RaftServer server = null;
        try {
            Files.createDirectories(settings.storage());
            server = RaftServer.newBuilder()
                    .setServerId(RaftPeerId.valueOf(settings.self().name()))
                    .setGroup(settings.voters().raftGroup())
                    .setProperties(GroupProperties.forPeer(settings))
                    .setParameters(GroupProperties.parameters(settings.tls()))
                    .setStateMachine(stateMachine)
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
            server.start();
            LOG.info("consensus peer {} serving at {}, voters {}, storage {}", settings.self().name(),
                    settings.self().address(), settings.voters().members(), settings.storage());
            return new RaftGroupHost(settings, server);
        } catch (IOException | RuntimeException e) {
            ConsensusException refused = new ConsensusException(KwamError.of("consensus.start", "consensus peer "
                            + settings.self().name() + " did not start", settings.self().address() + ", storage " + settings.storage(),
                    String.valueOf(e.getMessage()),
                    "check that the port is free and the directory writable, and that this directory was last used by the "
                            + "same peer name with the same voters"), e);
            if (server != null) {
                try {
                    server.close(); // release the port and files a half-started peer may hold
                } catch (IOException | RuntimeException closing) {
                    refused.addSuppressed(closing);
                }
            }
            throw refused;
        }
    }

    public String name() {
        return "consensus";
    }

    public String stopPhase() {
        return STOP_PHASE;
    }

    public Voter self() {
        return settings.self();
    }

    /** Whether this peer leads the group now (a moment's view: leadership can move at any time). */
    public boolean isLeader() {
        try {
            return !closed.get() && server.getDivision(Voters.GROUP_ID).getInfo().isLeader();
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * Takes a snapshot on this peer now and returns the log index it covers; the log before it is purged.
     * Operators rarely need this (snapshots are taken every {@link PeerSettings#snapshotEvery()} entries).
     */
    public long takeSnapshot(Duration timeout) throws ConsensusException {
        RaftPeerId self = RaftPeerId.valueOf(settings.self().name());
        try {
            // Creation gap 1: asked for, a snapshot is taken even when fewer entries than the configured gap
            // (1024 by default) were applied since the last one.
            RaftClientReply reply = server.snapshotManagement(SnapshotManagementRequest.newCreate(
                    adminClient, self, Voters.GROUP_ID, adminCalls.incrementAndGet(), timeout.toMillis(), 1));
            if (!reply.isSuccess()) {
                throw reply.getException() != null ? reply.getException() : new IOException("refused without a reason");
            }
            return reply.getLogIndex();
        } catch (IOException e) {
            throw new ConsensusException(KwamError.of("consensus.snapshot", "snapshot not taken", settings.self().address(),
                    String.valueOf(e.getMessage()), "retry; check free space under " + settings.storage()), e);
        }
    }

    /** Stops serving and releases the port and the log files; safe to call twice. */
    @Override
    public void close() throws ConsensusException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            LOG.info("consensus peer {} stopped", settings.self().name());
        } catch (IOException e) {
            throw new ConsensusException(KwamError.of("consensus.stop", "consensus peer " + settings.self().name()
                            + " did not stop cleanly", settings.storage(), String.valueOf(e.getMessage()),
                    "the log is fsync'd per entry, so restarting recovers it; check the storage directory"), e);
        }
    }

    /** {@link #close()} off the caller's thread; never fails (a failure to release is logged), as shutdown wants. */
    public CompletionStage<Done> stop() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                close();
            } catch (ConsensusException e) {
                LOG.warn("{}: {} ({})", e.what(), e.why(), e.fix(), e);
            }
            return Done.getInstance();
        }, task -> new Thread(task, "kwam-consensus-stop").start());
    }
}
