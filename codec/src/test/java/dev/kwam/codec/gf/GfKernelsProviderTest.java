package dev.kwam.codec.gf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.gf.GfKernelsProvider.Choice;
import org.junit.jupiter.api.Test;

/** kwam.codec.simd = auto | vector | scalar, decided apart from the flags this JVM was started with. */
class GfKernelsProviderTest {

    @Test
    void autoUsesVectorOnlyWhenTheModuleIsReadable() {
        assertEquals(Choice.VECTOR_IF_WIDE, GfKernelsProvider.choose("auto", true));
        assertEquals(Choice.SCALAR, GfKernelsProvider.choose("auto", false));
        assertEquals(Choice.VECTOR_IF_WIDE, GfKernelsProvider.choose(null, true));
        assertEquals(Choice.VECTOR_IF_WIDE, GfKernelsProvider.choose(" AUTO ", true));
    }

    @Test
    void scalarIsHonouredEvenWithTheModule() {
        assertEquals(Choice.SCALAR, GfKernelsProvider.choose("scalar", true));
        assertEquals(Choice.SCALAR, GfKernelsProvider.choose("scalar", false));
    }

    @Test
    void vectorIsHonouredWithTheModuleAndAnErrorWithoutIt() {
        assertEquals(Choice.VECTOR, GfKernelsProvider.choose("vector", true));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GfKernelsProvider.choose("vector", false));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }

    @Test
    void unknownValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GfKernelsProvider.choose("avx", true));
        assertTrue(e.getMessage().contains("auto, vector, scalar"), e.getMessage());
    }

    @Test
    void bothImplementationsAreReachableExplicitly() {
        assertEquals("scalar", GfKernelsProvider.scalar().name());
        GfKernels vector = GfKernelsProvider.vector().orElseThrow();
        assertTrue(vector.vectorBits() >= 128, vector.name());
        String selected = GfKernelsProvider.get().name();
        assertTrue(selected.equals("scalar") || selected.equals(vector.name()), selected);
    }
}
