package dev.kwam.dsl.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kwam.dsl.identity.SpiffeIdError.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The node shape spiffe://td/tenant/cluster/az/pod/node/workload, on top of general SPIFFE parsing. */
class KwamNodeIdTest {

    @Test
    void namesEveryPart() {
        KwamNodeId node = KwamNodeId.tryParse("spiffe://kwam/acme/cl-7/az1/pod-3/n-12/seed").orThrow();
        assertEquals(new KwamNodeId("kwam", "acme", "cl-7", "az1", "pod-3", "n-12", "seed"), node);
        assertEquals("spiffe://kwam/acme/cl-7/az1/pod-3/n-12/seed", node.spiffeId().toString());
    }

    @ParameterizedTest
    @CsvSource({
        "spiffe://kwam/acme/cl-7/az1, 27",
        "spiffe://kwam, 13",
        "spiffe://kwam/a/b/c/d/e/f/g, 26"})
    void otherShapesAreValidIdsButNotNodes(String text, int offset) {
        SpiffeId.parse(text);
        SpiffeIdResult.Invalid<KwamNodeId> invalid = assertInstanceOf(SpiffeIdResult.Invalid.class, KwamNodeId.tryParse(text));
        assertEquals(Code.NOT_KWAM_NODE_SHAPE, invalid.error().code());
        assertEquals(offset, invalid.error().offset());
    }

    @Test
    void partsAreValidatedAsSegments() {
        assertThrows(InvalidSpiffeIdException.class, () -> new KwamNodeId("kwam", "a/b", "c", "d", "e", "f", "g"));
        assertThrows(InvalidSpiffeIdException.class, () -> new KwamNodeId("kwam", "a", "..", "d", "e", "f", "g"));
        assertThrows(InvalidSpiffeIdException.class, () -> new KwamNodeId("kwam", "a", "*", "d", "e", "f", "g"));
        assertThrows(InvalidSpiffeIdException.class, () -> new KwamNodeId("Kwam", "a", "b", "d", "e", "f", "g"));
    }

    @Test
    void malformedTextKeepsItsSyntaxError() {
        SpiffeIdResult.Invalid<KwamNodeId> invalid =
                assertInstanceOf(SpiffeIdResult.Invalid.class, KwamNodeId.tryParse("spiffe://kwam/a//b/c/d/e/f"));
        assertEquals(Code.EMPTY_SEGMENT, invalid.error().code());
    }
}
