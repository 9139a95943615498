package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.UnitValue;

/** The methods of {@code cell}, the one mutable box: get, set and a resumable update. */
final class CellMethods {
    private CellMethods() {
    }

    static final MethodTable TABLE = new MethodTable()
            .add("get", 0, 0, (cx, a) -> ((CellValue) a[0]).get())
            .add("set", 1, 1, (cx, a) -> {
                ((CellValue) a[0]).set(a[1]);
                return UnitValue.UNIT;
            })
            .add("update", 1, 1, (cx, a) -> {
                CellValue c = (CellValue) a[0];
                return Callbacks.once(cx, Args.callable("update", a[1]), new Value[] {c.get()}, (cx2, r) -> {
                    c.set(r);
                    return r;
                });
            })
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));
}
