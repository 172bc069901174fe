package dev.kwam.consensus.ledger;

import dev.kwam.actors.error.KwamError;
import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.Voters;
import dev.kwam.consensus.ledger.LedgerReply.SpendOutcome;
import dev.kwam.consensus.ledger.LedgerReply.TokenState;
import dev.kwam.consensus.ledger.LedgerRequest.IsSpent;
import dev.kwam.consensus.ledger.LedgerRequest.Spend;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The spent-token ledger as any node sees it, voter or not: {@link #spend} through the Raft log and
 * {@link #isSpent} as a linearizable read. Failures complete the stage with a {@link ConsensusException}.
 */
public final class LedgerClient implements AutoCloseable {
    private final ConsensusClient group;

    public LedgerClient(ConsensusClient group) {
        this.group = group;
    }

    public static LedgerClient connect(Voters voters, Duration timeout) {
        return new LedgerClient(ConsensusClient.connect(voters, timeout));
    }

    /** {@link LedgerReply.Spent} if this spend took the token, else {@link LedgerReply.AlreadySpent} naming the first. */
    public CompletionStage<SpendOutcome> spend(Spend spend) {
        return group.write(LedgerWire.encode(spend)).thenApply(bytes -> expect(SpendOutcome.class, bytes));
    }

    /** Sees every spend acknowledged to anyone before this call. */
    public CompletionStage<TokenState> isSpent(String tokenId) {
        return group.read(LedgerWire.encode(new IsSpent(tokenId))).thenApply(bytes -> expect(TokenState.class, bytes));
    }

    private static <T extends LedgerReply> T expect(Class<T> type, byte[] bytes) {
        try {
            LedgerReply reply = LedgerWire.decodeReply(bytes);
            if (type.isInstance(reply)) {
                return type.cast(reply);
            }
            throw new MalformedLedgerBytes("a " + reply.getClass().getSimpleName() + " where a " + type.getSimpleName() + " was due");
        } catch (MalformedLedgerBytes e) {
            throw new CompletionException(new ConsensusException(KwamError.of("consensus.bad-reply",
                    "the ledger answered with bytes this client cannot read", null, e.getMessage(),
                    "run the same KWAM version on the voters and this node"), e));
        }
    }

    @Override
    public void close() throws ConsensusException {
        group.close();
    }
}
