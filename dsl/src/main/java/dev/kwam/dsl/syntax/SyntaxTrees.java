package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Structural equality of syntax trees that ignores where things are: two programs that differ only
 * in layout, comments or spelling of the same spaces are equal. The formatter uses it to prove it
 * changed nothing that matters; lowering may use it to tell a real edit from a reformat.
 */
public final class SyntaxTrees {

    private SyntaxTrees() {
    }

    public static boolean equalIgnoringSpans(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Span && b instanceof Span) {
            return true;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return false;
            }
            Iterator<?> ib = lb.iterator();
            for (Object x : la) {
                if (!equalIgnoringSpans(x, ib.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Optional<?> oa) {
            Optional<?> ob = (Optional<?>) b;
            return oa.isPresent() == ob.isPresent() && (oa.isEmpty() || equalIgnoringSpans(oa.get(), ob.get()));
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (!equalIgnoringSpans(component(c, a), component(c, b))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static Object component(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            // Syntax records are public with public accessors; failing here is a bug, not input.
            throw new IllegalStateException("cannot read " + c + " of " + record.getClass().getName(), e);
        }
    }
}
