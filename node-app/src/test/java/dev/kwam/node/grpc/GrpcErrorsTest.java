package dev.kwam.node.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
    @Test
    void aLongListOfDetailsIsCutToFitOneHeaderAndSaysHowManyItLeftOut() {
        List<String> details = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            details.add("stripe " + i + " fragment 3 sha256:" + "ab".repeat(32) + ": missing (holder node-4 is not a live member)");
        }
        List<String> kept = GrpcErrors.boundedDetails(details);
        int bytes = kept.stream().mapToInt(String::length).sum();
        assertTrue(bytes < 3_200, "kept " + bytes + " chars");
        String last = kept.get(kept.size() - 1);
        assertEquals("... and " + (500 - (kept.size() - 1)) + " more (kwam client stat CID lists every fragment)", last);
    }

    @Test
    void shortListsPassUnchanged() {
        assertEquals(List.of("a", "b"), GrpcErrors.boundedDetails(List.of("a", "b")));
    }
}
