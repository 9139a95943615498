package dev.ion.engine.vm;

/**
 * What executing one instruction on the interpreter's general path (a call, a return, a park) leaves
 * the dispatch loop to do: go on with the next instruction, or end the turn because the task parked
 * or its entry function returned.
 */
enum Step {
    CONTINUE,
    PARKED,
    DONE
}
