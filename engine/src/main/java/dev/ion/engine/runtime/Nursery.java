package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.LinkedHashSet;
import java.util.Set;

/** An open {@code async {}} block: its owner, its live children and, once closing, the body's value. */
final class Nursery {
    final TaskInfo owner;
    final int frameIndex;
    final int handlerCount;
    final Set<TaskInfo> children = new LinkedHashSet<>();
    boolean closing;
    Value bodyValue;
    IonException failure;

    Nursery(TaskInfo owner, int frameIndex, int handlerCount) {
        this.owner = owner;
        this.frameIndex = frameIndex;
        this.handlerCount = handlerCount;
    }
}
