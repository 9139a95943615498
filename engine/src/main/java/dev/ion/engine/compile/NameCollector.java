package dev.ion.engine.compile;

import dev.ion.engine.parse.Ast.*;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Set;

/**
 * Collects every identifier mentioned in a subtree (uses and assignment targets),
 * iteratively. The compiler uses it to decide which top-level bindings must be globals.
 */
final class NameCollector {
    private NameCollector() {
    }

    static void collect(Object root, Set<String> names) {
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object node = work.pop();
            if (node == null) continue;
            if (node instanceof Ident id) {
                names.add(id.name());
            } else if (node instanceof Collection<?> c) {
                for (Object o : c) if (o != null) work.push(o);
            } else if (node instanceof Record r) {
                for (var component : r.getClass().getRecordComponents()) {
                    Class<?> type = component.getType();
                    if (type.isPrimitive() || type == String.class || type == byte[].class) continue;
                    try {
                        Object child = component.getAccessor().invoke(r);
                        if (child != null) work.push(child);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }
}
