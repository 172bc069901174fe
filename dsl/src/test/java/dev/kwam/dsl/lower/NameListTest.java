package dev.kwam.dsl.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NameListTest {
    @Test
    void longListsStayOneReadableLine() {
        List<String> many = IntStream.range(0, 1021).mapToObj(i -> "h100_dc_" + i).toList();
        assertEquals("h100_dc_0, h100_dc_1, h100_dc_2, h100_dc_3, h100_dc_4, h100_dc_5, h100_dc_6, h100_dc_7 and 1013 more",
                NameList.of(many));
        assertEquals("a, b", NameList.of(List.of("a", "b")));
    }
}
