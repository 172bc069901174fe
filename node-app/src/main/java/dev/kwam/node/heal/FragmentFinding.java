package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.codec.fragment.FragmentHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A fragment this node found corrupt (scrub or read), named the way the JHMM names it: its stripe (the
 * chunk cid) and its index there. The fragment's cid is the SHA-256 of its header, so a header that still
 * hashes to the cid is trustworthy even when the payload behind it is not; with a damaged header the
 * census's slots on this node are asked instead ({@link CensusStripeCatalog#whereIs}).
 */
public record FragmentFinding(Cid fragment, Optional<Cid> stripe, int index, String foundBy) {

    /** From the header of the file as it lies now (in quarantine), when the header is intact. */
    static FragmentFinding fromFile(Cid fragment, Path file, String foundBy) {
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
