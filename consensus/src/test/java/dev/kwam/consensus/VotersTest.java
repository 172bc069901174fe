package dev.kwam.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VotersTest {
    private final Voter self = Voter.parse("n1=127.0.0.1:7400");

    @Test
    void noVotersGivenMeansAGroupOfThisPeerAlone() {
        assertEquals(List.of(self), Voters.parse(List.of(), self).members());
        assertEquals(new Voter("n2", "10.0.0.2", 7400), Voter.parse("n2=10.0.0.2:7400"));
    }

    @Test
    void malformedOrConflictingVotersAreRefusedSayingTheExpectedShape() {
        for (String bad : List.of("n1", "n1=host", "=h:1", "n1=:1", "n1=h:", "n1=h:x", "n1=h:0", "n 1=h:1")) {
            assertThrows(IllegalArgumentException.class, () -> Voter.parse(bad), bad);
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Voters.parse(List.of("a=h:1", "a=h:2"), self));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Voters.parse(List.of("a=h:1", "b=h:1"), self));
    }

    @Test
    void aPeerMustBeAVoterAtTheSameAddress() {
        Voters others = Voters.parse(List.of("n2=127.0.0.1:7401", "n3=127.0.0.1:7402"), self);
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> PeerSettings.of(self, others, Path.of("x")));
        assertTrue(absent.getMessage().contains("not among the voters"), absent.getMessage());
        Voters moved = Voters.parse(List.of("n1=127.0.0.1:9999"), self);
        assertThrows(IllegalArgumentException.class, () -> PeerSettings.of(self, moved, Path.of("x")));
    }
}
