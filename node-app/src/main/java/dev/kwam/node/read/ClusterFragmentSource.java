package dev.kwam.node.read;

import dev.kwam.codec.Cid;
import dev.kwam.codec.FragmentSource;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.node.peer.PeerClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read path's {@link FragmentSource}: asks the fragment's live candidate holders in turn
 * ({@link HolderIndex}) and returns the first copy that hashes to its cid. A holder that does not
 * answer or does not hold it is skipped; one that holds it corrupt (quarantined there, or bytes
 * that fail the hash here) is remembered, so a fragment no holder could serve is reported as
 * corrupt when some holder had it corrupt, else as missing — the SDK names it in its error either way.
 */
public final class ClusterFragmentSource implements FragmentSource {
    private final HolderIndex holders;
    private final HolderFetch fetcher;
    private final CorruptionReport report;

    /** Told of every holder found keeping a fragment corrupt, so the JHMM can repair it. */
    @FunctionalInterface
    public interface CorruptionReport {
        void corrupt(String node, Cid fragment);

        CorruptionReport NONE = (node, fragment) -> {
        };
    }

    /** A holder had the fragment but not intact. */
    static final class CorruptAtHolder extends IOException implements FragmentSource.CorruptAtSource {
        private static final long serialVersionUID = 1L;

        CorruptAtHolder(String message) {
            super(message);
        }
    }

    public ClusterFragmentSource(HolderIndex holders, HolderFetch fetcher) {
        this(holders, fetcher, CorruptionReport.NONE);
    }

    public ClusterFragmentSource(HolderIndex holders, HolderFetch fetcher, CorruptionReport report) {
        this.holders = holders;
        this.fetcher = fetcher;
        this.report = report;
    }

    @Override
    public Optional<byte[]> fetch(Cid fragment) throws IOException {
        List<String> corrupt = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String node : holders.candidates(fragment)) {
            PeerClient.ChunkReply reply;
            try {
                reply = fetcher.fetch(node, fragment);
            } catch (IOException | RuntimeException e) {
                failed.add(node + ": " + e.getMessage());
                continue;
            }
            if (reply instanceof PeerClient.Found found) {
                try {
                    Fragment.parseVerified(found.bytes(), fragment, Cid.sha256());
                    return Optional.of(found.bytes());
                } catch (FragmentFormatException e) {
                    corrupt.add(node + " sent bytes that fail the check: " + e.getMessage());
                    report.corrupt(node, fragment);
                }
            } else if (reply instanceof PeerClient.Corrupt c) {
                corrupt.add(c.reason());
                report.corrupt(node, fragment);
            }
        }
        if (!corrupt.isEmpty()) {
            throw new CorruptAtHolder(String.join("; ", corrupt));
        }
        if (!failed.isEmpty()) {
            throw new IOException("no holder answered: " + String.join("; ", failed));
        }
        Optional<String> dead = holders.deadHolder(fragment);
        if (dead.isPresent() && holders.candidates(fragment).isEmpty()) {
            throw new IOException("its holder " + dead.get() + " is not a live member");
        }
        return Optional.empty();
    }
}
