package dev.kwam.dsl.lower;

import java.util.Collection;
import java.util.stream.Collectors;

/** Names for a message: the first few, then how many more, so one diagnostic stays one readable line. */
final class NameList {
    static final int SHOWN = 8;

    private NameList() {
    }

    static String of(Collection<String> names) {
        String first = names.stream().limit(SHOWN).collect(Collectors.joining(", "));
        int rest = names.size() - SHOWN;
        return rest > 0 ? first + " and " + rest + " more" : first;
    }
}
