package dev.kwam.placement.census;

/**
 * Node names as the census stores them: interned, so a million slots naming one of a few hundred
 * nodes hold a million 4-byte references to a few hundred strings, not a million copies. Every
 * name read off the wire passes through here (see the shard serializers).
 */
final class Names {
    private Names() {
    }

    static String intern(String name) {
        return name.intern();
    }
}
