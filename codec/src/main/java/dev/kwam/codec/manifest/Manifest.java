package dev.kwam.codec.manifest;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.sign.PublicKey;
import dev.kwam.codec.sign.SigningKey;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The signed description of one protected object: its size and cid, how it was chunked and coded,
 * and the cid of every fragment of every stripe. It has exactly one byte encoding (below); the
 * Ed25519 signature covers every byte before it, and the manifest's own cid is the SHA-256 of the
 * whole encoding, signature included.
 *
 * <p>Encoding v1, big-endian:
 * <pre>
 * magic "KWMF" u32 | version u16 | codec id u8 | 0 u8 | k u16 | parity u16 | lrc groups u16
 * chunk min u32 | chunk avg u32 | chunk max u32 | object size u64 | object cid [32] | chunk count u32
 * per chunk: chunk cid [32] | length u32 | shard size u32 | fragment cid [32] x (k + parity)
 * signer public key [32] | signature [64]
 * </pre>
 */
public final class Manifest {
    public static final int VERSION = 1;
    public static final String FILE_NAME = "manifest.kwm";
    private static final int MAGIC = 0x4B574D46; // "KWMF"
    private static final int FIXED_BYTES = 4 + 2 + 1 + 1 + 2 + 2 + 2 + 4 + 4 + 4 + 8 + 32 + 4;
    private static final int SIGNATURE_BYTES = 64;
    /** Refuse manifests above this size before allocating for them: 1 TiB at 1 MiB chunks fits easily. */
    public static final int MAX_BYTES = 512 << 20;

    private final CodecSpec codec;
    private final int chunkMin;
    private final int chunkAvg;
    private final int chunkMax;
    private final long objectSize;
    private final Cid objectCid;
    private final List<ChunkEntry> chunks;
    private final PublicKey signer;
    private final byte[] encoded;
    private final Cid cid;

    private Manifest(CodecSpec codec, int chunkMin, int chunkAvg, int chunkMax, long objectSize, Cid objectCid,
            List<ChunkEntry> chunks, PublicKey signer, byte[] encoded) {
        this.codec = codec;
        this.chunkMin = chunkMin;
        this.chunkAvg = chunkAvg;
        this.chunkMax = chunkMax;
        this.objectSize = objectSize;
        this.objectCid = objectCid;
        this.chunks = List.copyOf(chunks);
        this.signer = signer;
        this.encoded = encoded;
        this.cid = Cid.of(encoded);
    }

    /** Builds, checks and signs a manifest. */
    public static Manifest sign(CodecSpec codec, int chunkMin, int chunkAvg, int chunkMax, long objectSize,
            Cid objectCid, List<ChunkEntry> chunks, SigningKey key) {
        checkConsistent(codec, chunkMax, objectSize, chunks);
        int size = FIXED_BYTES + chunks.size() * (32 + 8 + 32 * codec.totalCount()) + 32 + SIGNATURE_BYTES;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(MAGIC).putShort((short) VERSION).put(codec.id()).put((byte) 0);
        b.putShort((short) codec.dataCount()).putShort((short) codec.parityCount());
        b.putShort((short) (codec instanceof CodecSpec.LrcSpec lrc ? lrc.localGroups() : 0));
        b.putInt(chunkMin).putInt(chunkAvg).putInt(chunkMax).putLong(objectSize).put(objectCid.digest());
        b.putInt(chunks.size());
        for (ChunkEntry c : chunks) {
            b.put(c.chunkCid().digest()).putInt(c.length()).putInt(c.shardSize());
            for (Cid f : c.fragments()) {
                b.put(f.digest());
            }
        }
        b.put(key.publicKey().raw());
        byte[] bytes = b.array();
        byte[] signature = key.sign(bytes, 0, size - SIGNATURE_BYTES);
        System.arraycopy(signature, 0, bytes, size - SIGNATURE_BYTES, SIGNATURE_BYTES);
        return new Manifest(codec, chunkMin, chunkAvg, chunkMax, objectSize, objectCid, chunks, key.publicKey(), bytes);
    }

    /**
     * Decodes a manifest and verifies its signature against the key it names. Whether that key is
     * one the caller trusts is a separate question: see {@link #requireSignedBy}.
     */
    public static Manifest decode(byte[] bytes) throws ManifestFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new ManifestFormatException("manifest of " + bytes.length + " bytes exceeds the " + MAX_BYTES + "-byte limit");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (bytes.length < FIXED_BYTES || b.getInt() != MAGIC) {
                throw new ManifestFormatException("not a KWAM manifest (bad magic)");
            }
            int version = Short.toUnsignedInt(b.getShort());
            if (version != VERSION) {
                throw new ManifestFormatException("manifest version " + version + " is not supported (this build reads "
                        + VERSION + ")");
            }
            byte codecId = b.get();
            if (b.get() != 0) {
                throw new ManifestFormatException("reserved byte is not zero");
            }
            CodecSpec codec = codecOf(codecId, Short.toUnsignedInt(b.getShort()), Short.toUnsignedInt(b.getShort()),
                    Short.toUnsignedInt(b.getShort()));
            int min = b.getInt();
            int avg = b.getInt();
            int max = b.getInt();
            long size = b.getLong();
            Cid objectCid = Cid.ofDigest(take(b, 32));
            long count = Integer.toUnsignedLong(b.getInt());
            long perChunk = 32 + 8 + 32L * codec.totalCount();
            long expected = FIXED_BYTES + count * perChunk + 32 + SIGNATURE_BYTES;
            if (expected != bytes.length) {
                throw new ManifestFormatException("manifest has " + bytes.length + " bytes; " + count + " chunks of "
                        + codec + " need exactly " + expected);
            }
            List<ChunkEntry> chunks = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                Cid chunkCid = Cid.ofDigest(take(b, 32));
                int length = b.getInt();
                int shard = b.getInt();
                List<Cid> fragments = new ArrayList<>(codec.totalCount());
                for (int f = 0; f < codec.totalCount(); f++) {
                    fragments.add(Cid.ofDigest(take(b, 32)));
                }
                chunks.add(new ChunkEntry(chunkCid, length, shard, fragments));
            }
            PublicKey signer = PublicKey.fromRaw(take(b, 32));
            byte[] signature = take(b, SIGNATURE_BYTES);
            if (!signer.verifies(bytes, 0, bytes.length - SIGNATURE_BYTES, signature)) {
                throw new ManifestFormatException("signature does not verify against the manifest's signer " + signer
                        + ": the manifest was altered or is corrupt");
            }
            checkConsistent(codec, max, size, chunks);
            return new Manifest(codec, min, avg, max, size, objectCid, chunks, signer, bytes.clone());
        } catch (BufferUnderflowException e) {
            throw new ManifestFormatException("manifest is truncated");
        } catch (IllegalArgumentException e) {
            throw new ManifestFormatException("inconsistent manifest: " + e.getMessage());
        }
    }

    /** Refuses the manifest unless one of {@code trusted} signed it. */
    public void requireSignedBy(List<PublicKey> trusted) throws ManifestFormatException {
        if (!trusted.contains(signer)) {
            throw new ManifestFormatException("manifest " + cid + " is signed by " + signer
                    + ", which is not among the " + trusted.size() + " trusted key(s)");
        }
    }

    private static CodecSpec codecOf(byte id, int k, int parity, int groups) throws ManifestFormatException {
        return switch (id) {
            case CodecSpec.ReedSolomonSpec.ID -> new CodecSpec.ReedSolomonSpec(k, parity);
            case CodecSpec.LrcSpec.ID -> new CodecSpec.LrcSpec(k, groups, parity - groups);
            default -> throw new ManifestFormatException("unknown codec id " + id);
        };
    }

    private static void checkConsistent(CodecSpec codec, int chunkMax, long objectSize, List<ChunkEntry> chunks) {
        long total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            ChunkEntry c = chunks.get(i);
            if (c.fragments().size() != codec.totalCount()) {
                throw new IllegalArgumentException("chunk " + i + " lists " + c.fragments().size() + " fragments, "
                        + codec + " has " + codec.totalCount());
            }
            if (c.length() > chunkMax) {
                throw new IllegalArgumentException("chunk " + i + " has " + c.length() + " bytes, above the chunk maximum "
                        + chunkMax);
            }
            if (c.shardSize() != ChunkEntry.shardSizeFor(c.length(), codec.dataCount())) {
                throw new IllegalArgumentException("chunk " + i + " shard size " + c.shardSize() + " is not ceil("
                        + c.length() + "/" + codec.dataCount() + ")");
            }
            total += c.length();
        }
        if (total != objectSize) {
            throw new IllegalArgumentException("chunks add up to " + total + " bytes, the object has " + objectSize);
        }
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    public Cid cid() {
        return cid;
    }

    public CodecSpec codec() {
        return codec;
    }

    public int chunkMin() {
        return chunkMin;
    }

    public int chunkAvg() {
        return chunkAvg;
    }

    public int chunkMax() {
        return chunkMax;
    }

    public long objectSize() {
        return objectSize;
    }

    public Cid objectCid() {
        return objectCid;
    }

    public List<ChunkEntry> chunks() {
        return chunks;
    }

    public PublicKey signer() {
        return signer;
    }

    /** The canonical encoding: what {@code manifest.kwm} holds. */
    public byte[] encode() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && Arrays.equals(encoded, m.encoded);
    }

    @Override
    public int hashCode() {
        return cid.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest " + cid + " for object " + objectCid + " (" + objectSize + " bytes, " + chunks.size()
                + " chunks, " + codec + ")";
    }
}
