package dev.kwam.codec.gf;

/** Started in a child JVM by {@link GfKernelsProviderTest}: prints which kernels the provider chose. */
public final class ProviderProbe {

    private ProviderProbe() {
    }

    public static void main(String[] args) {
        System.out.println("selected=" + GfKernelsProvider.get().name()
                + " vectorAvailable=" + GfKernelsProvider.vector().isPresent());
    }
}
