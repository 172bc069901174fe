package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedObjectsAndArraysWithCommasInTheRightPlaces() {
        String json = new JsonWriter().beginObject()
                .field("manifest", "sha256:00")
                .field("healthy", false)
                .name("stripes").beginArray()
                .beginObject().field("stripe", 0).name("fragments").beginArray().endArray().endObject()
                .beginObject().field("stripe", 1).endObject()
                .endArray()
                .endObject().toString();
        assertEquals("{\"manifest\":\"sha256:00\",\"healthy\":false,\"stripes\":[{\"stripe\":0,\"fragments\":[]},"
                + "{\"stripe\":1}]}", json);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String json = new JsonWriter().beginArray()
                .value("say \"hi\"")
                .value("C:\\kwam")
                .value("line\nbreak\ttab\r\b\f")
                .value("\u0000\u001f\u007f")
                .value("\u2028\u2029")
                .value("grüße ✓")
                .endArray().toString();
        assertEquals("[\"say \\\"hi\\\"\",\"C:\\\\kwam\",\"line\\nbreak\\ttab\\r\\b\\f\",\"\\u0000\\u001f\u007f\","
                + "\"\\u2028\\u2029\",\"grüße ✓\"]", json);
    }

    @Test
    void escapesNamesToo() {
        assertEquals("{\"a\\\"b\":1}", new JsonWriter().beginObject().field("a\"b", 1).endObject().toString());
    }

    @Test
    void refusesMalformedSequences() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("no name"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("x").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
    }

    @Test
    void writesFiniteDoublesInRoundTripFormAndNullButRefusesNaNAndInfinity() {
        assertEquals("{\"p\":2.5106936291046123E-8,\"r\":1500000.0,\"none\":null}", new JsonWriter().beginObject()
                .field("p", 2.5106936291046123E-8).field("r", 1_500_000.0).name("none").nullValue().endObject().toString());
        assertEquals(2.5106936291046123E-8, Double.parseDouble("2.5106936291046123E-8"));
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().value(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().beginArray().value(Double.POSITIVE_INFINITY));
    }
}
