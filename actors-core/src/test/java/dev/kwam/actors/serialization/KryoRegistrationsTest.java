package dev.kwam.actors.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class KryoRegistrationsTest {
    private static KryoRegistrations parse(String table) {
        return KryoRegistrations.from(ConfigFactory.parseString("kwam.serialization.kryo.registrations {" + table + "}"),
                KryoRegistrationsTest.class.getClassLoader());
    }

    @Test
    void readsTheTableInIdOrder() {
        KryoRegistrations r = parse("\"dev.kwam.actors.serialization.Pong\" = 1001\n\"dev.kwam.actors.serialization.Ping\" = 1000");
        assertEquals(Ping.class, r.entries().get(0).type());
        assertEquals(1001, r.entries().get(1).id());
    }

    @Test
    void refusesReservedDuplicateNonIntegerAndUnknownEntries() {
        assertMessage("start at 1000", "\"dev.kwam.actors.serialization.Ping\" = 12");
        assertMessage("both", "\"dev.kwam.actors.serialization.Ping\" = 1000\n\"dev.kwam.actors.serialization.Pong\" = 1000");
        assertMessage("integer", "\"dev.kwam.actors.serialization.Ping\" = 1000.5");
        assertMessage("not on the classpath", "\"dev.kwam.Nope\" = 1000");
    }

    private static void assertMessage(String expected, String table) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> parse(table));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
