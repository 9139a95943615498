package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Limits;

/**
 * The instructions a task may run in one turn: the smaller of the run's quantum and the fuel left. The
 * interpreter counts them down in {@link Task#budget}; this class opens a turn's budget, tops it up when it
 * runs out (the moment fuel, cancellation and the deadline are checked), and settles what was spent into the
 * run's fuel count.
 */
final class TurnBudget {
    private TurnBudget() {
    }

    static void open(Task t) {
        RunState run = t.run;
        t.turnBudget = Math.min(run.quantum, Math.max(0, fuelLeft(run)));
        t.budget = t.turnBudget;
    }

    /** Adds what the turn spent to the run's fuel count. */
    static void settle(Task t) {
        t.run.fuelUsed += t.turnBudget - t.budget;
        t.turnBudget = t.budget = 0;
    }

    /**
     * The budget ran out: accounts the fuel, fails on the fuel limit, cancellation or the deadline, and opens
     * a fresh budget. Returns true when the task should yield to the scheduler (false under synchronous
     * evaluation, where there is nothing to yield to).
     */
    static boolean exhausted(Task t) {
        RunState run = t.run;
        settle(t);
        if (run.fuelUsed > run.limits.fuel()) {
            run.fuelUsed = run.limits.fuel();
            throw IonException.limit("fuel", run.limits.fuel());
        }
        if (run.cancelled) throw IonException.cancelled();
        run.checkDeadline();
        long fuelLeft = fuelLeft(run);
        t.turnBudget = Math.min(run.quantum, fuelLeft == Long.MAX_VALUE ? fuelLeft : fuelLeft + 1);
        t.budget = t.turnBudget;
        return run.host != null;
    }

    /** Accounts fuel and checks limits in the middle of long native work (no yield). */
    static void checkpoint(Task t) {
        exhausted(t);
    }

    private static long fuelLeft(RunState run) {
        return run.limits.fuel() == Limits.UNLIMITED ? Long.MAX_VALUE : run.limits.fuel() - run.fuelUsed;
    }
}
