package dev.kwam.jhmm.risk;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stripe as the live placement holds it: its codec and the bytes of one of its fragment files (both
 * from the signed manifest that promises it; empty when no manifest is indexed for it), and the live nodes
 * holding its readable fragments, one entry per fragment (a node holding two is listed twice).
 */
public record LiveStripe(Cid stripe, Optional<Shape> shape, List<String> holders) {
    public LiveStripe {
        Objects.requireNonNull(stripe, "stripe");
        Objects.requireNonNull(shape, "shape");
        holders = List.copyOf(holders);
    }

    /** @param fragmentBytes one fragment file: header plus shard, as the manifest sizes it */
    public record Shape(CodecSpec codec, long fragmentBytes) {
        public Shape {
            Objects.requireNonNull(codec, "codec");
            if (fragmentBytes < 0) {
                throw new IllegalArgumentException("fragment bytes cannot be negative, got " + fragmentBytes);
            }
        }
    }
}
