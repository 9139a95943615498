package dev.ion.server.cli;

import dev.ion.engine.Engine;
import dev.ion.engine.Limits;
import dev.ion.server.runs.DemoLookup;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The options that configure a fresh engine: {@code --limit NAME=VALUE}… and {@code --seed N}. */
public final class EngineOptions {
    @Option(names = "--limit", paramLabel = "NAME=VALUE", converter = LimitSetting.Converter.class,
            description = "Set a resource limit (repeatable). NAME is one of fuel, deadline_ms, max_call_depth,"
                    + " max_tasks, max_memory_bytes, max_output_bytes, max_channel_capacity."
                    + " Unset limits keep the CLI defaults (no fuel, deadline or output limit).")
    List<LimitSetting> limits = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed the rand module for a reproducible run.")
    Long seed;

    /** The limits to run with: the unlimited defaults with each {@code --limit} applied in order. */
    public Limits limits() {
        Limits l = Limits.unlimited();
        for (LimitSetting s : limits) {
            l = s.applyTo(l);
        }
        return l;
    }

    /** A new engine with these limits and seed. */
    public Engine newEngine() {
        Engine engine = new Engine().setLimits(limits());
        DemoLookup.install(engine, DemoLookup.jdkTimer());
        if (seed != null) engine.setRandomSeed(seed);
        return engine;
    }
}
