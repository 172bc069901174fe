package dev.kwam.codec.lrc;

import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.codec.gf.GfCoder;
import java.util.List;

/** What to do about one pattern of present shards: rebuild the missing ones, or refuse and say why. */
sealed interface RecoveryPlan {

    boolean recoverable();

    /** Rebuilds every missing shard's range in place; a refusal throws before touching any shard. */
    void execute(byte[][] shards, int offset, int byteCount);

    /**
     * One coder per independent set of missing shards (those sharing no source), so a shard rebuilt
     * from its local group reads only that group.
     */
    record Rebuild(List<GfCoder> coders) implements RecoveryPlan {
        public Rebuild {
            coders = List.copyOf(coders);
        }

        @Override
        public boolean recoverable() {
            return true;
        }

        @Override
        public void execute(byte[][] shards, int offset, int byteCount) {
            for (GfCoder coder : coders) {
                coder.code(shards, offset, byteCount);
            }
        }
    }

    record Refusal(String reason) implements RecoveryPlan {
        @Override
        public boolean recoverable() {
            return false;
        }

        @Override
        public void execute(byte[][] shards, int offset, int byteCount) {
            throw new UnrecoverableStripeException(reason);
        }
    }
}
