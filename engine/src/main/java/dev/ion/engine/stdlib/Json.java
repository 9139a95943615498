package dev.ion.engine.stdlib;

import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.Continuation;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Value ↔ JSON text for embedders (the server's protocol), with the rules of the {@code json} module. */
public final class Json {
    private static final CallContext HOST = host(Limits.unlimited());

    private static CallContext host(Limits limits) {
        return new CallContext() {
        @Override
        public Value call(Value fn, Value[] args, Continuation then) {
            throw new UnsupportedOperationException("JSON conversion never calls back");
        }

        @Override
        public void charge(long units) {
        }

        @Override
        public void allocate(long bytes) {
        }

        @Override
        public void print(String text) {
        }

        @Override
        public void log(String level, String message) {
        }

        @Override
        public RandomGenerator random() {
            return new SplittableRandom();
        }

        @Override
        public Limits limits() {
            return limits;
        }
    };
    }

    private Json() {
    }

    /** Compact JSON; throws {@link dev.ion.engine.IonException} for values JSON cannot represent. */
    public static String encode(Value v) {
        return JsonModule.encode(HOST, "encode", v, false);
    }

    /** Compact JSON of at most about {@code maxBytes / 2} characters; larger values fail with a limit error. */
    public static String encode(Value v, long maxBytes) {
        return JsonModule.encode(host(Limits.builder().maxMemoryBytes(Math.max(1, maxBytes)).build()), "encode", v, false);
    }

    /** Parses JSON text; {@code null} becomes None. Throws {@link dev.ion.engine.IonException} with the position. */
    public static Value decode(String text) {
        return new JsonModule.Decoder(text).parse();
    }
}
