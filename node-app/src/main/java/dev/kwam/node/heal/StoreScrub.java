package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.jhmm.scrub.FragmentFinding;
import dev.kwam.jhmm.scrub.ScrubbedStore;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ScrubResult;
import dev.kwam.node.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** This node's {@link FragmentStore} as the JHMM's scrubber walks it. */
final class StoreScrub implements ScrubbedStore {
    private final FragmentStore store;

    StoreScrub(FragmentStore store) {
        this.store = store;
    }

    @Override
    public Stream<Cid> fragments(Optional<Cid> after) {
        return after.isPresent() ? store.cidsAfter(after.get()) : store.cids();
    }

    @Override
    public Scrubbed scrub(Cid fragment) {
        try {
            ScrubResult result = store.scrub(fragment);
            if (result instanceof ScrubResult.Intact intact) {
                return new Intact(intact.bytes());
            }
            if (result instanceof ScrubResult.Quarantined q) {
                return new Quarantined(q.record().bytes(), q.record().reason(), finding(fragment, q.record().file(), "scrub"));
            }
            return new Gone();
        } catch (StoreException e) {
            return new Unreadable(e.error().describe());
        }
    }

    /**
     * From the header of the file as it lies now (in quarantine), when the header is intact: the fragment's cid is
     * the SHA-256 of its header, so a header that still hashes to the cid names the stripe even when the payload
     * behind it is damaged. Otherwise the stripe is left for the census to name ({@link CensusStripeCatalog#whereIs}).
     */
    static FragmentFinding finding(Cid fragment, Path file, String foundBy) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(FragmentHeader.BYTES);
            if (header.length == FragmentHeader.BYTES && fragment.equals(Cid.of(header))) {
                FragmentHeader h = FragmentHeader.decode(header, 0, header.length);
                return new FragmentFinding(fragment, Optional.of(h.chunkCid()), h.fragmentIndex(), foundBy);
            }
        } catch (IOException | FragmentFormatException | RuntimeException e) {
            // A header that cannot be read or does not hash to the cid says nothing: the census is asked instead.
        }
        return new FragmentFinding(fragment, Optional.empty(), -1, foundBy);
    }
}
