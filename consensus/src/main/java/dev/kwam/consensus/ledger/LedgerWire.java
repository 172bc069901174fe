package dev.kwam.consensus.ledger;

import dev.kwam.consensus.ledger.LedgerReply.AlreadySpent;
import dev.kwam.consensus.ledger.LedgerReply.Spent;
import dev.kwam.consensus.ledger.LedgerReply.Unspent;
import dev.kwam.consensus.ledger.LedgerRequest.IsSpent;
import dev.kwam.consensus.ledger.LedgerRequest.Spend;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The ledger's bytes, in the log, in replies and in snapshots. Every record starts with {@link #FORMAT} and a
 * kind byte; texts are a 2-byte big-endian length and UTF-8; times are 8-byte big-endian. Decoding accepts
 * exactly one record of a known format and kind, with nothing after it: anything else is refused, never
 * guessed, because a peer that read a command differently would diverge from the others.
 */
final class LedgerWire {
    /** Bumped when a record's layout changes; a peer refuses formats it does not know. */
    static final byte FORMAT = 1;
    /** Token ids and spenders are names (a token's digest, a SPIFFE ID): a kilobyte is plenty. */
    static final int MAX_TEXT_BYTES = 1024;

    private static final byte SPEND = 1;
    private static final byte IS_SPENT = 2;
    private static final byte SPENT = 1;
    private static final byte ALREADY_SPENT = 2;
    private static final byte UNSPENT = 3;

    private LedgerWire() {
    }

    static void checkText(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT_BYTES + " UTF-8 bytes");
        }
    }

    // Java 17 has no pattern switch; the sealed types keep these chains complete (a new kind fails its test).
    static byte[] encode(LedgerRequest request) {
        if (request instanceof Spend s) {
            return record(SPEND, s.tokenId(), s.spender(), s.atMillis());
        }
        return record(IS_SPENT, request.tokenId(), null, -1);
    }

    static byte[] encode(LedgerReply reply) {
        if (reply instanceof Spent s) {
            return record(SPENT, s.tokenId(), s.spender(), s.atMillis());
        }
        if (reply instanceof AlreadySpent a) {
            return record(ALREADY_SPENT, a.tokenId(), a.firstSpender(), a.firstAtMillis());
        }
        return record(UNSPENT, reply.tokenId(), null, -1);
    }

    static LedgerRequest decodeRequest(byte[] bytes) throws MalformedLedgerBytes {
        ByteBuffer in = open(bytes, "request");
        byte kind = in.get();
        LedgerRequest out = switch (kind) {
            case SPEND -> new Spend(text(in, "tokenId"), text(in, "spender"), time(in));
            case IS_SPENT -> new IsSpent(text(in, "tokenId"));
            default -> throw new MalformedLedgerBytes("unknown ledger request kind " + kind + " (known: 1 spend, 2 is-spent)");
        };
        return closed(in, out);
    }

    static LedgerReply decodeReply(byte[] bytes) throws MalformedLedgerBytes {
        ByteBuffer in = open(bytes, "reply");
        byte kind = in.get();
        LedgerReply out = switch (kind) {
            case SPENT -> new Spent(text(in, "tokenId"), text(in, "spender"), time(in));
            case ALREADY_SPENT -> new AlreadySpent(text(in, "tokenId"), text(in, "firstSpender"), time(in));
            case UNSPENT -> new Unspent(text(in, "tokenId"));
            default -> throw new MalformedLedgerBytes("unknown ledger reply kind " + kind + " (known: 1, 2, 3)");
        };
        return closed(in, out);
    }

    private static byte[] record(int kind, String tokenId, String person, long time) {
        byte[] token = tokenId.getBytes(StandardCharsets.UTF_8);
        byte[] who = person == null ? null : person.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(2 + 2 + token.length + (who == null ? 0 : 2 + who.length + 8));
        out.put(FORMAT).put((byte) kind).putShort((short) token.length).put(token);
        if (who != null) {
            out.putShort((short) who.length).put(who).putLong(time);
        }
        return out.array();
    }

    private static ByteBuffer open(byte[] bytes, String what) throws MalformedLedgerBytes {
        if (bytes.length < 2) {
            throw new MalformedLedgerBytes("a ledger " + what + " of " + bytes.length + " bytes is shorter than its 2-byte header");
        }
        if (bytes[0] != FORMAT) {
            throw new MalformedLedgerBytes("ledger " + what + " format " + bytes[0] + " is not one this peer knows (" + FORMAT
                    + "); upgrade this peer or send from a client of the same version");
        }
        return ByteBuffer.wrap(bytes, 1, bytes.length - 1).slice();
    }

    private static <T> T closed(ByteBuffer in, T record) throws MalformedLedgerBytes {
        if (in.hasRemaining()) {
            throw new MalformedLedgerBytes(in.remaining() + " bytes follow a complete ledger record");
        }
        return record;
    }

    static String text(ByteBuffer in, String field) throws MalformedLedgerBytes {
        try {
            int length = Short.toUnsignedInt(in.getShort());
            if (length == 0 || length > MAX_TEXT_BYTES) {
                throw new MalformedLedgerBytes(field + " of " + length + " bytes is outside 1.." + MAX_TEXT_BYTES);
            }
            if (length > in.remaining()) {
                throw new MalformedLedgerBytes(field + " claims " + length + " bytes but " + in.remaining() + " remain");
            }
            ByteBuffer slice = in.slice().limit(length);
            in.position(in.position() + length);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice);
            return chars.toString();
        } catch (BufferUnderflowException e) {
            throw new MalformedLedgerBytes(field + " is cut short");
        } catch (CharacterCodingException e) {
            throw new MalformedLedgerBytes(field + " is not valid UTF-8");
        }
    }

    static long time(ByteBuffer in) throws MalformedLedgerBytes {
        try {
            long t = in.getLong();
            if (t < 0) {
                throw new MalformedLedgerBytes("time " + t + " is negative");
            }
            return t;
        } catch (BufferUnderflowException e) {
            throw new MalformedLedgerBytes("time is cut short");
        }
    }
}
