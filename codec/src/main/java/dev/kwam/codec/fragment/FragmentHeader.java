package dev.kwam.codec.fragment;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * The fixed-size header in front of every fragment's payload. The fragment's cid is the SHA-256 of
 * these header bytes; the header pins the payload through {@code payloadSha256}, so verifying a
 * fragment hashes its payload once (not twice) and still binds every byte to the name.
 *
 * <p>Layout v1, big-endian, {@value #BYTES} bytes:
 * <pre>
 *  0  magic "KWFR"            4
 *  4  version (1)             u16
 *  6  codec id                u8    (1 = rs, 2 = lrc)
 *  7  reserved (0)            u8
 *  8  data shards k           u16
 * 10  parity shards m         u16   (lrc: local groups + global parities)
 * 12  lrc local groups        u16   (0 for rs)
 * 14  fragment index          u16   (0..k-1 data, then parity)
 * 16  stripe index            u32   (the chunk's position in the object it was protected with)
 * 20  chunk length            u32   (bytes of content in the stripe, before padding)
 * 24  payload length          u32   (the shard size)
 * 28  chunk cid               32    (SHA-256 of the chunk's content)
 * 60  payload SHA-256         32
 * </pre>
 * The header names the chunk, not the object: fragments leave a streaming protect long before the
 * object's last byte (and so its cid) is known, and one chunk may belong to many objects. The
 * manifest binds chunks to their object.
 */
public record FragmentHeader(
        CodecSpec codec,
        int fragmentIndex,
        int stripeIndex,
        int chunkLength,
        int payloadLength,
        Cid chunkCid,
        byte[] payloadSha256) {

    public static final int BYTES = 92;
    public static final int VERSION = 1;
    private static final int MAGIC = 0x4B574652; // "KWFR"

    public FragmentHeader {
        if (fragmentIndex < 0 || fragmentIndex >= codec.totalCount()) {
            throw new IllegalArgumentException("fragment index " + fragmentIndex + " outside 0.." + (codec.totalCount() - 1)
                    + " for " + codec);
        }
        if (stripeIndex < 0 || chunkLength < 0 || payloadLength < 0) {
            throw new IllegalArgumentException("negative stripe index, chunk length or payload length");
        }
        if ((long) payloadLength * codec.dataCount() < chunkLength) {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes x " + codec.dataCount()
                    + " data shards cannot hold a chunk of " + chunkLength + " bytes");
        }
        if (payloadSha256.length != Cid.DIGEST_BYTES) {
            throw new IllegalArgumentException("payload SHA-256 must have 32 bytes");
        }
        payloadSha256 = payloadSha256.clone();
    }

    @Override
    public byte[] payloadSha256() {
        return payloadSha256.clone();
    }

    public boolean isData() {
        return fragmentIndex < codec.dataCount();
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.putInt(MAGIC).putShort((short) VERSION).put(codec.id()).put((byte) 0);
        b.putShort((short) codec.dataCount()).putShort((short) codec.parityCount());
        b.putShort((short) (codec instanceof CodecSpec.LrcSpec lrc ? lrc.localGroups() : 0));
        b.putShort((short) fragmentIndex).putInt(stripeIndex).putInt(chunkLength).putInt(payloadLength);
        b.put(chunkCid.digest()).put(payloadSha256);
        return b.array();
    }

    /** The fragment's cid: SHA-256 of the encoded header. */
    public Cid cid() {
        return Cid.of(encode());
    }

    /** Decodes a header, refusing unknown magic, versions and codecs with a reason. */
    public static FragmentHeader decode(byte[] bytes, int offset, int length) throws FragmentFormatException {
        if (length < BYTES) {
            throw new FragmentFormatException("truncated fragment: " + length + " bytes, a header alone has " + BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, BYTES);
        if (b.getInt() != MAGIC) {
            throw new FragmentFormatException("not a KWAM fragment (bad magic)");
        }
        int version = Short.toUnsignedInt(b.getShort());
        if (version != VERSION) {
            throw new FragmentFormatException("fragment format version " + version + " is not supported (this build reads "
                    + VERSION + ")");
        }
        byte codecId = b.get();
        b.get();
        int k = Short.toUnsignedInt(b.getShort());
        int m = Short.toUnsignedInt(b.getShort());
        int groups = Short.toUnsignedInt(b.getShort());
        int index = Short.toUnsignedInt(b.getShort());
        int stripe = b.getInt();
        int chunkLength = b.getInt();
        int payloadLength = b.getInt();
        byte[] chunk = new byte[Cid.DIGEST_BYTES];
        byte[] payloadHash = new byte[Cid.DIGEST_BYTES];
        b.get(chunk).get(payloadHash);
        try {
            CodecSpec codec = switch (codecId) {
                case CodecSpec.ReedSolomonSpec.ID -> new CodecSpec.ReedSolomonSpec(k, m);
                case CodecSpec.LrcSpec.ID -> new CodecSpec.LrcSpec(k, groups, m - groups);
                default -> throw new FragmentFormatException("unknown codec id " + codecId);
            };
            return new FragmentHeader(codec, index, stripe, chunkLength, payloadLength, Cid.ofDigest(chunk), payloadHash);
        } catch (IllegalArgumentException e) {
            throw new FragmentFormatException("inconsistent fragment header: " + e.getMessage());
        }
    }

    public boolean payloadMatches(MessageDigest sha) {
        return MessageDigest.isEqual(sha.digest(), payloadSha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FragmentHeader h && java.util.Arrays.equals(encode(), h.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "FragmentHeader[" + codec + " stripe " + stripeIndex + " fragment " + fragmentIndex + " chunk "
                + chunkCid + " payload " + payloadLength + "B]";
    }
}
