package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.codec.fragment.FragmentHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Verifies a stored fragment file against the cid it is stored under: the 92 header bytes must hash
 * to the cid, the file must be exactly as long as the header promises, and the payload must hash to
 * the header's SHA-256. The header is checked before anything else is read, so a corrupt or extended
 * file never makes the store allocate more than a verified header asked for.
 *
 * <p>A {@link FragmentFormatException} means "the bytes on disk are wrong" (quarantine them); an
 * {@link IOException} means "the disk would not say" (report, never quarantine: an EIO is not proof
 * of corruption); {@link java.nio.file.NoSuchFileException} means not stored.
 */
final class FragmentFileCheck {
    private static final int STREAM_BUFFER = 64 << 10;

    private FragmentFileCheck() {
    }

    /** Reads and verifies the whole file; returns its bytes. */
    static byte[] readVerified(Path file, Cid cid, MessageDigest sha) throws IOException, FragmentFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] header = readHeader(ch, size);
            checkHeader(header, size, cid, sha);
            byte[] all = new byte[(int) size];
            System.arraycopy(header, 0, all, 0, header.length);
            readFully(ch, ByteBuffer.wrap(all, header.length, all.length - header.length), header.length);
            Fragment.parseVerified(all, cid, sha); // the codec's own gate has the last word
            return all;
        }
    }

    /** Verifies the file with bounded memory (64 KiB at a time); returns its size. */
    static long verifyStreaming(Path file, Cid cid, MessageDigest sha) throws IOException, FragmentFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            FragmentHeader header = checkHeader(readHeader(ch, size), size, cid, sha);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(STREAM_BUFFER, Math.max(1, size - FragmentHeader.BYTES)));
            long position = FragmentHeader.BYTES;
            sha.reset();
            while (position < size) {
                buf.clear().limit((int) Math.min(buf.capacity(), size - position));
                readFully(ch, buf, position);
                sha.update(buf.array(), 0, buf.limit());
                position += buf.limit();
            }
            if (!header.payloadMatches(sha)) {
                throw new FragmentFormatException("payload does not match the SHA-256 in its header");
            }
            return size;
        }
    }

    private static byte[] readHeader(FileChannel ch, long size) throws IOException, FragmentFormatException {
        if (size < FragmentHeader.BYTES) {
            throw new FragmentFormatException("truncated fragment: " + size + " bytes, a header alone has "
                    + FragmentHeader.BYTES);
        }
        byte[] header = new byte[FragmentHeader.BYTES];
        readFully(ch, ByteBuffer.wrap(header), 0);
        return header;
    }

    private static FragmentHeader checkHeader(byte[] header, long size, Cid cid, MessageDigest sha)
            throws FragmentFormatException {
        sha.reset();
        if (!cid.matches(sha.digest(header))) {
            throw new FragmentFormatException("header does not hash to " + cid);
        }
        FragmentHeader decoded = FragmentHeader.decode(header, 0, header.length);
        long promised = (long) FragmentHeader.BYTES + decoded.payloadLength();
        if (size != promised) {
            throw new FragmentFormatException("file has " + size + " bytes, its header promises " + promised);
        }
        return decoded;
    }

    /** Stored files are never changed in place (only renamed), so a short read is damage, not a race. */
    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException,
            FragmentFormatException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, at);
            if (n < 0) {
                throw new FragmentFormatException("file ended at byte " + at + " while being read");
            }
            at += n;
        }
    }
}
