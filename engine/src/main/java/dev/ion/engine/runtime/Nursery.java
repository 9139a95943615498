package dev.ion.engine.runtime;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An open {@code async {}} block: its owner, its live children and, once closing, the body's value. */
final class Nursery {
    /** What {@code task::nursery} asks of the block: a cap on live children, and whether failures wait. */
    record Policy(long maxTasks, boolean waitAll) {
    }

    final TaskInfo owner;
    final int frameIndex;
    final int handlerCount;
    final Set<TaskInfo> children = new LinkedHashSet<>();
    boolean closing;
    Value bodyValue;
    IonException failure;
    /** Set by {@code task::nursery}; null for a plain {@code async} block. */
    Policy policy;
    /** Under {@code wait_all}: the messages of the children that failed unawaited, in order. */
    final List<String> failures = new ArrayList<>();

    Nursery(TaskInfo owner, int frameIndex, int handlerCount) {
        this.owner = owner;
        this.frameIndex = frameIndex;
        this.handlerCount = handlerCount;
    }
}
