package dev.kwam.codec.fragment;

import dev.kwam.codec.Cid;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * One SHA-gated fragment: its header, its payload (a shard of a stripe) and its cid. A
 * {@code Fragment} obtained from {@link #parseVerified} has been checked against the cid it was
 * asked for; there is no way to get one whose bytes do not match its name.
 */
public final class Fragment {
    private final FragmentHeader header;
    private final byte[] headerBytes;
    private final byte[] payload;
    private final int payloadOffset;
    private final Cid cid;

    private Fragment(FragmentHeader header, byte[] headerBytes, byte[] payload, int payloadOffset, Cid cid) {
        this.header = header;
        this.headerBytes = headerBytes;
        this.payload = payload;
        this.payloadOffset = payloadOffset;
        this.cid = cid;
    }

    /**
     * Seals a freshly encoded shard: hashes {@code payload[0, header.payloadLength())} into the header.
     * The payload array is kept, not copied; the caller must not change it afterwards.
     */
    public static Fragment seal(FragmentHeader unsealed, byte[] payload, MessageDigest sha) {
        sha.reset();
        sha.update(payload, 0, unsealed.payloadLength());
        FragmentHeader header = new FragmentHeader(unsealed.codec(), unsealed.fragmentIndex(), unsealed.stripeIndex(),
                unsealed.chunkLength(), unsealed.payloadLength(), unsealed.chunkCid(), sha.digest());
        byte[] headerBytes = header.encode();
        sha.reset();
        return new Fragment(header, headerBytes, payload, 0, Cid.ofDigest(sha.digest(headerBytes)));
    }

    /**
     * Parses fragment file bytes and checks them against {@code expected}: the header must hash to
     * the cid and the payload to the header's SHA-256, with no trailing bytes.
     *
     * @throws FragmentFormatException naming what does not match
     */
    public static Fragment parseVerified(byte[] bytes, Cid expected, MessageDigest sha) throws FragmentFormatException {
        FragmentHeader header = FragmentHeader.decode(bytes, 0, bytes.length);
        sha.reset();
        sha.update(bytes, 0, FragmentHeader.BYTES);
        if (!expected.matches(sha.digest())) {
            throw new FragmentFormatException("header does not hash to " + expected);
        }
        long wanted = (long) FragmentHeader.BYTES + header.payloadLength();
        if (bytes.length != wanted) {
            throw new FragmentFormatException("fragment has " + bytes.length + " bytes, its header promises " + wanted);
        }
        sha.update(bytes, FragmentHeader.BYTES, header.payloadLength());
        if (!header.payloadMatches(sha)) {
            throw new FragmentFormatException("payload does not match the SHA-256 in its header");
        }
        return new Fragment(header, java.util.Arrays.copyOf(bytes, FragmentHeader.BYTES), bytes, FragmentHeader.BYTES,
                expected);
    }

    public FragmentHeader header() {
        return header;
    }

    public Cid cid() {
        return cid;
    }

    public int payloadLength() {
        return header.payloadLength();
    }

    /** Copies the payload into {@code dst} at {@code offset}. */
    public void copyPayload(byte[] dst, int offset) {
        System.arraycopy(payload, payloadOffset, dst, offset, header.payloadLength());
    }

    /** Total size of the fragment file: header plus payload. */
    public long size() {
        return (long) FragmentHeader.BYTES + header.payloadLength();
    }

    /** Writes the fragment file bytes: header then payload. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(headerBytes);
        out.write(payload, payloadOffset, header.payloadLength());
    }

    public byte[] toBytes() {
        byte[] all = new byte[(int) size()];
        System.arraycopy(headerBytes, 0, all, 0, FragmentHeader.BYTES);
        System.arraycopy(payload, payloadOffset, all, FragmentHeader.BYTES, header.payloadLength());
        return all;
    }

    @Override
    public String toString() {
        return cid + " (" + header + ")";
    }
}
