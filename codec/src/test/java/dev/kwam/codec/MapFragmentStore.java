package dev.kwam.codec;

import dev.kwam.codec.fragment.Fragment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fragments in a map, so tests can lose and damage them at will. */
final class MapFragmentStore implements FragmentSink, FragmentSource {
    final Map<Cid, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public void put(Fragment fragment) {
        files.put(fragment.cid(), fragment.toBytes());
    }

    @Override
    public Optional<byte[]> fetch(Cid cid) {
        return Optional.ofNullable(files.get(cid)).map(byte[]::clone);
    }
}
