package dev.ion.engine.stdlib;

import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.runtime.TaskModule;
import dev.ion.engine.value.ModuleValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards issue 21's one rule for argument errors: every callee — each built-in function, module member and method
 * of every built-in type, the concurrency functions, channel and task methods, and every shape of Ion function and
 * closure — called with too few and with too many arguments fails with an error of kind {@code type}.
 */
class ArgumentErrorKindTest {
    /** More arguments than any fixed-arity callee takes. */
    private static final String MANY = "*[(), (), (), (), (), (), (), (), (), (), (), ()]";

    /** Callees that take any number of arguments, so only "too few" applies to them (when they have a minimum). */
    private static final Set<String> VARIADIC = Set.of("print", "io::print", "io::println", "io::eprintln",
            "math::min", "math::max", "bytes::concat", "log::trace", "log::debug", "log::info", "log::warn",
            "log::error", "path::join");

    /** Receivers as source, one per built-in type with methods. */
    private static final Map<String, String> RECEIVERS = new LinkedHashMap<>();

    static {
        RECEIVERS.put("\"s\"", "string");
        RECEIVERS.put("[1]", "list");
        RECEIVERS.put("#{a: 1}", "dict");
        RECEIVERS.put("(1, 2)", "tuple");
        RECEIVERS.put("set([1])", "set");
        RECEIVERS.put("0..2", "range");
        RECEIVERS.put("Some(1)", "Option");
        RECEIVERS.put("Ok(1)", "Result");
        RECEIVERS.put("b\"ab\"", "bytes");
        RECEIVERS.put("cell(1)", "cell");
        RECEIVERS.put("1", "int");
        RECEIVERS.put("1.5", "float");
    }

    @Test
    void everyBuiltinFunctionAndModuleMember() {
        List<String> wrong = new ArrayList<>();
        for (String name : Builtins.all().keySet()) checkCall(name, name + "(%s)", wrong);
        for (String name : List.of("sleep", "timeout", "channel")) checkCall(name, "async { " + name + "(%s) }", wrong);
        Map<String, ModuleValue> modules = new LinkedHashMap<>(Modules.all());
        modules.put("task", TaskModule.module());
        modules.forEach((module, value) -> value.members().forEach((member, v) -> {
            if (!Args.isCallable(v)) return;
            String path = module + "::" + member;
            checkCall(path, path + "(%s)", wrong);
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyMethodOfEveryBuiltinType() {
        List<String> wrong = new ArrayList<>();
        Engine engine = new Engine();
        RECEIVERS.forEach((source, type) -> {
            Value receiver = engine.eval(source);
            for (String m : Methods.names(receiver)) checkCall(type + "." + m, "(" + source + ")." + m + "(%s)", wrong);
        });
        String channel = "async { let (tx, rx) = channel(1); %s }";
        for (String m : List.of("send", "close")) checkCall("sender." + m, channel.formatted("tx." + m + "(%s)"), wrong);
        for (String m : List.of("recv", "try_recv", "recv_timeout", "close")) {
            checkCall("receiver." + m, channel.formatted("rx." + m + "(%s)"), wrong);
        }
        checkCall("sender.try_send", channel.formatted("tx.try_send(%s)"), wrong);
        String broadcast = "let (tx, sub) = task::broadcast(1); let rx = sub(); %s";
        for (String m : List.of("send", "close")) checkCall("broadcast_sender." + m, broadcast.formatted("tx." + m + "(%s)"), wrong);
        for (String m : List.of("recv", "try_recv", "close")) {
            checkCall("broadcast_receiver." + m, broadcast.formatted("rx." + m + "(%s)"), wrong);
        }
        checkCall("broadcast subscribe", broadcast.formatted("sub(%s)"), wrong);
        checkCall("interval.tick", "task::interval(1).tick(%s)", wrong);
        for (String m : List.of("call", "state")) {
            checkCall("circuit_breaker." + m, "task::circuit_breaker()." + m + "(%s)", wrong);
        }
        for (String m : List.of("is_finished", "is_cancelled", "cancel", "await_timeout")) {
            checkCall("task." + m, "async { let t = spawn 1; t." + m + "(%s) }", wrong);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyShapeOfIonFunction() {
        Map<String, List<String>> shapes = new LinkedHashMap<>();
        shapes.put("fn f(a, b) { a }", List.of("f(1)", "f(1, 2, 3)"));
        shapes.put("fn f() { 0 }", List.of("f(1)"));
        shapes.put("fn f(a, b = 2) { a }", List.of("f()", "f(1, 2, 3)"));
        shapes.put("fn f(a, *rest) { a }", List.of("f()"));
        shapes.put("fn f(a, **opts) { a }", List.of("f()", "f(1, 2)", "f(1, a: 2)"));
        shapes.put("fn f(a, *, b) { a }", List.of("f(1)", "f(1, 2)", "f(b: 1)"));
        shapes.put("fn f(a, /, b) { a }", List.of("f(1)", "f(a: 1, b: 2)", "f(1, 2, 3)"));
        shapes.put("fn f(a) { a }", List.of("f(z: 1)", "f(1, a: 2)", "f(*[])", "f(*[1, 2])", "f(**#{z: 1})"));
        shapes.put("let f = |a, b| a;", List.of("f(1)", "f(1, 2, 3)"));
        shapes.put("let f = || 0;", List.of("f(1)"));
        shapes.put("let f = |a, b = 1| a;", List.of("f()", "f(1, 2, 3)"));
        shapes.put("fn outer() { fn inner(a) { a } inner }\nlet f = outer();", List.of("f()", "f(1, 2)"));
        shapes.put("", List.of("[1].map(|a, b| a)", "[1].map(|| 0)", "#{a: 1}.map(|v| v)", "[2, 1].sort_by(|a| 0)"));
        shapes.put("let g = |a| a;", List.of("async { let t = spawn g(); t.await }", "async { g(1, 2) }"));
        List<String> wrong = new ArrayList<>();
        shapes.forEach((def, calls) -> {
            for (String call : calls) {
                String source = def + "\n" + call;
                IonException e = run(source);
                if (e == null) wrong.add("<" + call + "> after <" + def + "> succeeded");
                else if (e.kind() != ErrorKind.TYPE) wrong.add("<" + call + "> raised " + e.kind() + ": " + e.getMessage());
            }
        });
        assertThat(wrong).isEmpty();
    }

    /**
     * Calls {@code template} with too many arguments and with none; each failure must be a type error, and one of
     * them an arity error. No arguments is not "too few" for a callee that takes none, so that call is skipped then.
     */
    private static void checkCall(String label, String template, List<String> wrong) {
        IonException many = run(template.formatted(MANY));
        expectType(label + "(12 args)", many, wrong);
        boolean takesNone = many != null && many.getMessage().contains(" takes 0 arguments ");
        IonException none = takesNone ? null : run(template.formatted(""));
        expectType(label + "()", none, wrong);
        boolean arity = Stream.of(many, none).anyMatch(e -> e != null && e.getMessage().contains(" takes "));
        if (!arity && !VARIADIC.contains(label)) wrong.add(label + " never raised an arity error");
    }

    private static void expectType(String call, IonException e, List<String> wrong) {
        if (e != null && e.kind() != ErrorKind.TYPE) wrong.add(call + " raised " + e.kind() + ": " + e.getMessage());
    }

    private static IonException run(String source) {
        Engine engine = new Engine().setOutputHandler(s -> { }).setLogHandler((level, s) -> { });
        try {
            engine.eval(source);
            return null;
        } catch (IonException e) {
            return e;
        }
    }
}
