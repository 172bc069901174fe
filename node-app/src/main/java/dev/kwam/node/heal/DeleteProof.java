package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.PlacementProof;
import java.util.Optional;

/**
 * The proof of placement as it travels with {@code DELETE /chunk/{cid}}: header
 * {@value #HEADER}{@code : <stripe cid> <fragment index> <node>} — the census showed fragment
 * {@code index} of {@code stripe} OK on {@code node}. The holder checks the same in its own census
 * replica before deleting, so a delete never removes a copy whose replacement is not recorded elsewhere.
 */
public record DeleteProof(Cid stripe, int index, String node) {
    public static final String HEADER = "X-Kwam-Placement-Proof";

    static String header(PlacementProof proof) {
        return proof.stripe() + " " + proof.index() + " " + proof.node();
    }

    /** The proof a header names, or empty when it is malformed. */
    public static Optional<DeleteProof> parse(String header) {
        String[] parts = header.trim().split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<Cid> stripe = Cid.tryParse(parts[0]);
        if (stripe.isEmpty() || parts[2].isBlank() || parts[2].length() > 256) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(parts[1]);
            return index < 0 || index > 255 ? Optional.empty() : Optional.of(new DeleteProof(stripe.get(), index, parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
