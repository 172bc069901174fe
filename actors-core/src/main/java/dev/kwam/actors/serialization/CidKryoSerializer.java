package dev.kwam.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.kwam.codec.Cid;

/** A cid on the wire is its 32 digest bytes; {@link Cid} validates them on the way in. */
final class CidKryoSerializer extends Serializer<Cid> {
    CidKryoSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Cid cid) {
        output.writeBytes(cid.digest());
    }

    @Override
    public Cid read(Kryo kryo, Input input, Class<? extends Cid> type) {
        return Cid.ofDigest(input.readBytes(Cid.DIGEST_BYTES));
    }
}
