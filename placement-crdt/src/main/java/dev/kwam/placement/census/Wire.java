package dev.kwam.placement.census;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * Guards for reading census values off the wire: a count is believed only if the bytes left could
 * hold that many items, so a hostile peer cannot make a node allocate a huge array from one varint.
 */
final class Wire {
    private Wire() {
    }

    static int count(Input in, int minBytesEach, String what) {
        int n = in.readVarInt(true);
        long left = (long) in.limit() - in.position();
        if (n < 0 || (long) n * minBytesEach > left) {
            throw new KryoException("refusing " + n + " " + what + " with only " + left + " bytes left");
        }
        return n;
    }
}
