package dev.kwam.dsl.lower;

import dev.kwam.dsl.diag.Span;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves a value to where it is used. A value interpolated from a let binding or a module points
 * every later error at the {@code ${…}} that brought it in: a module's spans belong to another file,
 * and "the offending value" is, for the reader of this file, the interpolation.
 */
final class Respan {

    private Respan() {
    }

    @SuppressWarnings("unchecked")
    static <T> T to(T node, Span span) {
        if (node instanceof Span) {
            return (T) span;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(to(o, span));
            }
            return (T) out;
        }
        if (node instanceof Optional<?> o) {
            return (T) o.map(x -> to(x, span));
        }
        if (node == null || !node.getClass().isRecord() || !node.getClass().getPackageName().startsWith("dev.kwam.dsl.syntax")) {
            return node;
        }
        RecordComponent[] components = node.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = to(components[i].getAccessor().invoke(node), span);
            }
            Constructor<?> canonical = node.getClass().getDeclaredConstructor(types);
            return (T) canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            // Syntax records are public with public canonical constructors; failing here is a bug, not input.
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("cannot move " + node.getClass().getSimpleName() + " to " + span, cause);
        }
    }
}
