package dev.kwam.placement.census;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct node names of one serialized census value, written once up front so each slot
 * carries a small index instead of a name. Names read back are interned ({@link Names}).
 */
final class NameTable {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int id(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
        }
        return id;
    }

    void write(Output out) {
        out.writeVarInt(names.size(), true);
        for (String n : names) {
            out.writeString(n);
        }
    }

    static String[] read(Input in) {
        int count = Wire.count(in, 1, "node names");
        String[] table = new String[count];
        for (int i = 0; i < count; i++) {
            String s = in.readString();
            if (s == null) {
                throw new KryoException("a null node name in a census value");
            }
            table[i] = Names.intern(s);
        }
        return table;
    }

    static String lookup(String[] table, int id) {
        if (id < 0 || id >= table.length) {
            throw new KryoException("node name #" + id + " is not in the value's table of " + table.length);
        }
        return table[id];
    }
}
