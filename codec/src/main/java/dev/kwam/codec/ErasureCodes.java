package dev.kwam.codec;

import dev.kwam.codec.lrc.LocalReconstructionCode;
import dev.kwam.codec.rs.ReedSolomon;
import java.util.concurrent.ConcurrentHashMap;

/** One shared, thread-safe code instance per geometry: building the coding matrices is not free. */
final class ErasureCodes {
    private static final ConcurrentHashMap<CodecSpec, ErasureCode> CODES = new ConcurrentHashMap<>();

    private ErasureCodes() {
    }

    static ErasureCode of(CodecSpec spec) {
        return CODES.computeIfAbsent(spec, ErasureCodes::create);
    }

    private static ErasureCode create(CodecSpec spec) {
        if (spec instanceof CodecSpec.LrcSpec lrc) {
            return new LocalReconstructionCode(lrc);
        }
        return ReedSolomon.create(spec.dataCount(), spec.parityCount());
    }
}
