package dev.ion.loadtests.compare;

/** One workload prepared for one implementation: each call runs the whole program once. */
@FunctionalInterface
public interface Runner {
    /** Runs the program and returns its integer result. */
    long run();
}
