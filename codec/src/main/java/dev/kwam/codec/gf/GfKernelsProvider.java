package dev.kwam.codec.gf;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the {@link GfKernels} once per JVM, as Lucene's {@code VectorizationProvider} does, and logs the
 * choice. System property {@code kwam.codec.simd}: {@code auto} (default: vector when the
 * {@code jdk.incubator.vector} module is readable and the CPU's preferred vectors are at least 256 bits,
 * else scalar), {@code vector} (an error when it cannot be honoured), {@code scalar}.
 */
public final class GfKernelsProvider {

    public static final String PROPERTY = "kwam.codec.simd";

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** 128-bit nibble shuffles measured slower than worth the risk; the vector path needs wide registers. */
    static final int MIN_AUTO_VECTOR_BITS = 256;

    private static final System.Logger LOG = System.getLogger(GfKernelsProvider.class.getName());

    private static final GfKernels SELECTED = load(System.getProperty(PROPERTY, "auto"));

    enum Choice { SCALAR, VECTOR, VECTOR_IF_WIDE }

    private GfKernelsProvider() {
    }

    /** The kernels this JVM uses. */
    public static GfKernels get() {
        return SELECTED;
    }

    /** The table-driven kernels, always available. */
    public static GfKernels scalar() {
        return ScalarGfKernels.INSTANCE;
    }

    /** The vector kernels, when the module is readable and the CPU offers at least 16 byte lanes. */
    public static Optional<GfKernels> vector() {
        if (!vectorModuleReadable()) {
            return Optional.empty();
        }
        try {
            return Optional.of(instantiateVector());
        } catch (UnsupportedOperationException narrow) {
            return Optional.empty();
        }
    }

    /** The decision for a property value, apart from whether the hardware then qualifies. */
    static Choice choose(String property, boolean vectorModuleReadable) {
        String value = property == null ? "auto" : property.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "scalar":
                return Choice.SCALAR;
            case "vector":
                if (!vectorModuleReadable) {
                    throw new IllegalStateException(PROPERTY + "=vector but the module " + VECTOR_MODULE
                            + " is not readable: start the JVM with --add-modules " + VECTOR_MODULE);
                }
                return Choice.VECTOR;
            case "auto":
            case "":
                return vectorModuleReadable ? Choice.VECTOR_IF_WIDE : Choice.SCALAR;
            default:
                throw new IllegalArgumentException(PROPERTY + "='" + property
                        + "' is not one of auto, vector, scalar");
        }
    }

    private static GfKernels load(String property) {
        boolean readable = vectorModuleReadable();
        GfKernels kernels = switch (choose(property, readable)) {
            case SCALAR -> ScalarGfKernels.INSTANCE;
            case VECTOR -> instantiateVector();
            case VECTOR_IF_WIDE -> {
                GfKernels vector = vector().orElse(ScalarGfKernels.INSTANCE);
                yield vector.vectorBits() >= MIN_AUTO_VECTOR_BITS ? vector : ScalarGfKernels.INSTANCE;
            }
        };
        LOG.log(Level.INFO, "GF(2^8) kernels: {0} ({1}={2}, {3} {4})", kernels.name(), PROPERTY,
                property, VECTOR_MODULE, readable ? "readable" : "absent");
        return kernels;
    }

    private static boolean vectorModuleReadable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE)
                .map(GfKernelsProvider.class.getModule()::canRead)
                .orElse(false);
    }

    private static GfKernels instantiateVector() {
        try {
            return (GfKernels) Class.forName(GfKernelsProvider.class.getPackageName() + ".VectorGfKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("cannot create the vector GF kernels", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the vector GF kernels", e);
        }
    }
}
