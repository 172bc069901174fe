package dev.kwam.consensus;

import dev.kwam.actors.pki.MutualTls;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;

/** The Ratis settings KWAM runs with, in one place so peers and clients cannot disagree on the transport. */
final class GroupProperties {
    private GroupProperties() {
    }

    static RaftProperties forPeer(PeerSettings settings) {
        RaftProperties p = common();
        GrpcConfigKeys.Server.setHost(p, settings.self().host());
        GrpcConfigKeys.Server.setPort(p, settings.self().port());
        RaftServerConfigKeys.setStorageDir(p, List.of(settings.storage().toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(settings.electionMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(settings.electionMax()));
        // An entry counts as written only once it is on disk: the leader commits after its own fsync, never
        // before (unsafe flush off), and the log worker flushes synchronously (async flush off).
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        // A spend gates an action: a read must see every spend acknowledged before it, so queries go through
        // the leader's read index, never straight to a possibly deposed leader's memory. The leader's lease (a
        // majority heard from within 0.9 of the minimum election timeout, on its monotonic clock) serves the read
        // index at once; without it each read waited for the next heartbeat (0.5 s with three voters: p90 520 ms
        // per spend, docs/benchmarks.md). A lease assumes clock *rates* agree within 10 %, not the clocks.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotEvery());
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, settings.snapshotOnStop());
        // Keep the log only past the snapshot, so a restart really rebuilds from the snapshot plus the tail.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        return p;
    }

    static RaftProperties forClient(Duration attemptTimeout) {
        RaftProperties p = common();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(attemptTimeout));
        return p;
    }

    private static RaftProperties common() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        return p;
    }

    /** The transport's TLS, the same for a peer's server, its calls to other peers, and clients. */
    static Parameters parameters(Optional<MutualTls> tls) {
        Parameters parameters = new Parameters();
        tls.ifPresent(t -> {
            GrpcTlsConfig conf = new GrpcTlsConfig(t.keyManager(), t.peerTrust(), true);
            GrpcConfigKeys.TLS.setConf(parameters, conf);
            GrpcConfigKeys.Server.setTlsConf(parameters, conf);
            GrpcConfigKeys.Client.setTlsConf(parameters, conf);
            GrpcConfigKeys.Admin.setTlsConf(parameters, conf);
        });
        return parameters;
    }

    static TimeDuration millis(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
