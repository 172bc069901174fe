package dev.kwam.actors.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes KWAM's Kryo serializer accepts, each with a stable numeric id, read from
 * {@code kwam.serialization.kryo.registrations}. Ids are what travels on the wire, so every node of a
 * cluster must hold the same table; ids below {@link #FIRST_CONFIGURED_ID} belong to the serializer's
 * own JDK and codec registrations.
 */
record KryoRegistrations(List<Registration> entries) {
    static final String PATH = "kwam.serialization.kryo.registrations";
    static final int FIRST_CONFIGURED_ID = 1000;

    record Registration(Class<?> type, int id) {
    }

    KryoRegistrations {
        entries = List.copyOf(entries);
    }

    static KryoRegistrations from(Config config, ClassLoader loader) {
        Config table;
        try {
            table = config.getConfig(PATH);
        } catch (ConfigException e) {
            throw new IllegalStateException("missing " + PATH + ": " + e.getMessage(), e);
        }
        List<Registration> entries = new ArrayList<>();
        Map<Integer, String> byId = new HashMap<>();
        for (Map.Entry<String, ConfigValue> e : table.root().entrySet()) {
            String className = e.getKey();
            Object raw = e.getValue().unwrapped();
            if (!(raw instanceof Number n) || n.intValue() != n.doubleValue()) {
                throw new IllegalStateException(PATH + ".\"" + className + "\" must be an integer id, got " + raw);
            }
            int id = n.intValue();
            if (id < FIRST_CONFIGURED_ID) {
                throw new IllegalStateException(PATH + ".\"" + className + "\" = " + id + ": configured ids start at "
                        + FIRST_CONFIGURED_ID + " (lower ones are reserved for the serializer's own registrations)");
            }
            String clash = byId.put(id, className);
            if (clash != null) {
                throw new IllegalStateException(PATH + ": id " + id + " is given to both " + clash + " and " + className
                        + "; every class needs its own id");
            }
            try {
                entries.add(new Registration(Class.forName(className, false, loader), id));
            } catch (ClassNotFoundException notFound) {
                throw new IllegalStateException(PATH + " names " + className + ", which is not on the classpath", notFound);
            }
        }
        entries.sort(Comparator.comparingInt(Registration::id));
        return new KryoRegistrations(entries);
    }
}
