package dev.ion.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The host interop API (issue 4 §5): structs, enums, host functions and modules, conversions, seeds, logs. */
class HostInteropTest {

    private static Engine engine() {
        return new Engine()
                .registerStruct("Point", "x", "y")
                .registerStruct("Unit")
                .registerEnum("Shape", "Circle(1)", "Rect(2)", "Empty");
    }

    private static String eval(String source) {
        return engine().eval(source).repr();
    }

    private static IonException fails(String source) {
        IonException e = catchThrowableOfType(() -> engine().eval(source), IonException.class);
        assertThat(e).as("expected %s to fail", source).isNotNull();
        return e;
    }

    private static String output(Engine engine, String source) {
        StringBuilder out = new StringBuilder();
        engine.setOutputHandler(out::append).eval(source);
        return out.toString();
    }

    // ---------------------------------------------------------------- structs

    @Test
    void structLiteralsAndConstructorCallsBuildTheSameValue() {
        assertThat(eval("Point { x: 1, y: 2 }")).isEqualTo("Point { x: 1, y: 2 }");
        assertThat(eval("Point { y: 2, x: 1 }")).isEqualTo("Point { x: 1, y: 2 }");
        assertThat(eval("Point(1, 2)")).isEqualTo("Point { x: 1, y: 2 }");
        assertThat(eval("Point(1, 2) == Point { y: 2, x: 1 }")).isEqualTo("true");
        assertThat(eval("Point(1, 2) == Point(2, 1)")).isEqualTo("false");
        assertThat(eval("let x = 5; let y = 6; Point { x, y }")).isEqualTo("Point { x: 5, y: 6 }");
        assertThat(eval("Unit {}")).isEqualTo("Unit {}");
        assertThat(eval("Unit()")).isEqualTo("Unit {}");
        assertThat(eval("[1, 2].map(|i| Point { x: i, y: i * i })"))
                .isEqualTo("[Point { x: 1, y: 1 }, Point { x: 2, y: 4 }]");
    }

    @Test
    void structFieldsAreEvaluatedInSourceOrder() {
        String out = output(engine(), "fn t(v) { print(v); v } let p = Point { y: t(2), x: t(1) }; print(p)");
        assertThat(out).isEqualTo("2\n1\nPoint { x: 1, y: 2 }\n");
    }

    @Test
    void structDisplayReprTypeAndFieldAccess() {
        assertThat(eval("type_of(Point(1, 2))")).isEqualTo("\"struct\"");
        assertThat(eval("Point(\"a\", [1])")).isEqualTo("Point { x: \"a\", y: [1] }");
        assertThat(eval("str(Point(\"a\", [1]))")).isEqualTo("\"Point { x: a, y: [1] }\"");
        assertThat(eval("f\"{Point(1, 2)}\"")).isEqualTo("\"Point { x: 1, y: 2 }\"");
        assertThat(eval("let p = Point(1, 2); p.x + p.y")).isEqualTo("3");
        assertThat(eval("let mut p = Point(1, 2); let q = p; p.x = 10; (p, q)"))
                .isEqualTo("(Point { x: 10, y: 2 }, Point { x: 1, y: 2 })");
        assertThat(eval("json::encode(Point(1, [true]))")).isEqualTo("\"{\\\"x\\\":1,\\\"y\\\":[true]}\"");
        assertThat(eval("set([Point(1, 2), Point(1, 2), Point(2, 1)]).len()")).isEqualTo("2");
    }

    @Test
    void structPatternsWorkInMatchLetIfLetAndFor() {
        assertThat(eval("let Point { x, y } = Point(3, 4); x * y")).isEqualTo("12");
        assertThat(eval("let Point { x: a, y: _ } = Point(3, 4); a")).isEqualTo("3");
        assertThat(eval("match Point(0, 5) { Point { x: 0, y } => f\"on the y axis at {y}\", _ => \"elsewhere\" }"))
                .isEqualTo("\"on the y axis at 5\"");
        assertThat(eval("match 7 { Point { x, y } => x, _ => \"not a point\" }")).isEqualTo("\"not a point\"");
        assertThat(eval("if let Point { x, y: _ } = Point(1, 2) { x } else { 0 }"))
                .isEqualTo("1");
        assertThat(eval("let mut s = 0; for Point { x, y } in [Point(1, 2), Point(3, 4)] { s += x * y } s"))
                .isEqualTo("14");
    }

    @Test
    void uppercaseConditionsAreNotStructLiterals() {
        assertThat(eval("let Flag = true; if Flag { 1 } else { 2 }")).isEqualTo("1");
        assertThat(eval("let Flag = true; let mut n = 0; while Flag && n < 3 { n += 1 } n")).isEqualTo("3");
        assertThat(eval("let X = 2; match X { 2 => \"two\", _ => \"other\" }")).isEqualTo("\"two\"");
        assertThat(eval("let Xs = [1, 2]; let mut s = 0; for x in Xs { s += x } s")).isEqualTo("3");
        assertThat(eval("let P = Some(1); if let Some(v) = P { v } else { 0 }")).isEqualTo("1");
        assertThat(eval("if (Point { x: 1, y: 2 }) == Point(1, 2) { 1 } else { 2 }")).isEqualTo("1");
        assertThat(eval("if [Point { x: 1, y: 2 }][0].x == 1 { \"ok\" } else { \"no\" }")).isEqualTo("\"ok\"");
        assertThat(eval("match (Point { x: 1, y: 2 }) { Point { x, y } => x + y }")).isEqualTo("3");
    }

    @Test
    void structErrorsNameTheType() {
        IonException unknown = fails("Point { x: 1, y: 2, z: 3 }");
        assertThat(unknown.kind()).isEqualTo(ErrorKind.TYPE);
        assertThat(unknown.getMessage()).isEqualTo("struct Point has no field 'z'");
        assertThat(fails("Point { x: 1 }").getMessage()).isEqualTo("missing field 'y' in the Point literal");
        assertThat(fails("Point {}").getMessage()).isEqualTo("missing fields 'x', 'y' in the Point literal");
        assertThat(fails("Point { x: 1, x: 2, y: 3 }").getMessage())
                .isEqualTo("field 'x' is given twice in the Point literal");
        assertThat(fails("Point(1)").getMessage()).isEqualTo("Point() takes 2 arguments (1 given)");
        assertThat(fails("Point(1, 2).z").getMessage()).isEqualTo("struct Point has no field 'z'");
        assertThat(fails("let Point { z } = Point(1, 2);").getMessage()).isEqualTo("struct Point has no field 'z'");
        IonException undefined = fails("Pointt { x: 1 }");
        assertThat(undefined.kind()).isEqualTo(ErrorKind.NAME);
        assertThat(undefined.getMessage()).isEqualTo("undefined struct type 'Pointt'");
        assertThat(fails("let Q = 1; Q { x: 1 }").getMessage()).isEqualTo("'Q' is not a struct type");
        assertThat(engine().eval("try { Point(1) } catch e { e }").asString())
                .isEqualTo("Point() takes 2 arguments (1 given)");
    }

    // ---------------------------------------------------------------- enums

    @Test
    void enumVariantsAreBuiltDisplayedAndCompared() {
        assertThat(eval("Shape::Circle(2.0)")).isEqualTo("Shape::Circle(2.0)");
        assertThat(eval("Shape::Rect(1, \"x\")")).isEqualTo("Shape::Rect(1, \"x\")");
        assertThat(eval("str(Shape::Rect(1, \"x\"))")).isEqualTo("\"Shape::Rect(1, x)\"");
        assertThat(eval("Shape::Empty")).isEqualTo("Shape::Empty");
        assertThat(eval("type_of(Shape::Empty)")).isEqualTo("\"enum\"");
        assertThat(eval("Shape::Circle(1) == Shape::Circle(1.0)")).isEqualTo("true");
        assertThat(eval("Shape::Circle(1) != Shape::Circle(2)")).isEqualTo("true");
        assertThat(eval("Shape::Empty == Shape::Empty")).isEqualTo("true");
        assertThat(eval("[1.0, 2.0].map(Shape::Circle)")).isEqualTo("[Shape::Circle(1.0), Shape::Circle(2.0)]");
        assertThat(eval("use Shape::*; [Circle(1), Empty]")).isEqualTo("[Shape::Circle(1), Shape::Empty]");
        assertThat(eval("Shape::Rect(3, 4).1")).isEqualTo("4");
    }

    @Test
    void enumPatternsDestructureThePayload() {
        String area = "fn area(s) { match s { Shape::Circle(r) => 3 * r * r, Shape::Rect(w, h) => w * h, "
                + "Shape::Empty => 0 } } ";
        assertThat(eval(area + "[Shape::Circle(2), Shape::Rect(3, 4), Shape::Empty].map(area)"))
                .isEqualTo("[12, 12, 0]");
        assertThat(eval("let Shape::Rect(w, h) = Shape::Rect(5, 6); w + h")).isEqualTo("11");
        assertThat(eval("if let Shape::Circle(r) = Shape::Empty { r } else { -1 }")).isEqualTo("-1");
        assertThat(eval("match Shape::Circle(9) { Shape::Circle => \"any circle\", _ => \"other\" }"))
                .isEqualTo("\"any circle\"");
        assertThat(eval("match Shape::Rect(1, 2) { Shape::Rect(1, h) if h > 1 => h, _ => 0 }")).isEqualTo("2");
    }

    @Test
    void enumErrorsNameTheType() {
        assertThat(fails("Shape::Circle(1, 2)").getMessage()).isEqualTo("Shape::Circle() takes 1 argument (2 given)");
        assertThat(fails("Shape::Rect(1)").getMessage()).isEqualTo("Shape::Rect() takes 2 arguments (1 given)");
        IonException unit = fails("Shape::Empty(1)");
        assertThat(unit.kind()).isEqualTo(ErrorKind.TYPE);
        assertThat(unit.getMessage()).isEqualTo("Shape::Empty has no payload and cannot be called (write Shape::Empty)");
        IonException unknown = fails("Shape::Triangle(1)");
        assertThat(unknown.kind()).isEqualTo(ErrorKind.NAME);
        assertThat(unknown.getMessage()).isEqualTo("enum Shape has no variant 'Triangle'");
        assertThat(fails("match Shape::Empty { Shape::Triangle => 1, _ => 2 }").getMessage())
                .isEqualTo("enum Shape has no variant 'Triangle'");
        assertThat(fails("match Shape::Empty { Shape::Circle(a, b) => 1, _ => 2 }").getMessage())
                .isEqualTo("Shape::Circle carries 1 value, the pattern gives 2");
        assertThat(fails("match Shape::Empty { Shape::Empty(a) => 1, _ => 2 }").getMessage())
                .isEqualTo("Shape::Empty has no payload (write Shape::Empty)");
        assertThat(fails("Shape::Rect(1, 2).5").getMessage()).contains("index out of bounds");
    }

    @Test
    void registrationRejectsMalformedDeclarations() {
        Engine e = new Engine();
        assertThatThrownBy(() -> e.registerStruct("point", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uppercase");
        assertThatThrownBy(() -> e.registerStruct("P", "x", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> e.registerStruct("P", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.registerEnum("E")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one variant");
        assertThatThrownBy(() -> e.registerEnum("E", "A(0)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.registerEnum("E", "A(x)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.registerEnum("E", "A", "A(1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> e.registerEnum("Some", "A")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- host values

    @Test
    void hostFunctionsReturnAndReceiveStructsAndEnums() {
        Engine e = engine();
        e.registerFn("origin", args -> HostValues.struct("Point", Map.of("x", Value.of(0))));
        e.registerFn("locate", args -> HostValues.struct("Point",
                new LinkedHashMap<>(Map.of("x", Value.of(args.get(0).asLong())))));
        e.registerFn("shape", args -> args.isEmpty() ? HostValues.enumVariant("Shape", "Empty")
                : HostValues.enumVariant("Shape", "Circle", args.get(0)));
        e.registerFn("norm", args -> {
            HostValues.HostStruct p = (HostValues.HostStruct) HostValues.toJava(args.get(0));
            return Value.of((Long) p.fields().get("x") + (Long) p.fields().get("y"));
        });
        assertThat(e.eval("origin()").repr()).isEqualTo("Point { x: 0 }");
        assertThat(e.eval("let Point { x } = locate(7); x").repr()).isEqualTo("7");
        assertThat(e.eval("match shape(2.5) { Shape::Circle(r) => r, _ => 0.0 }").repr()).isEqualTo("2.5");
        assertThat(e.eval("shape() == Shape::Empty").repr()).isEqualTo("true");
        assertThat(e.eval("norm(Point { x: 3, y: 4 })").repr()).isEqualTo("7");
        // host-returned values of unregistered types still display and match by name
        e.registerFn("color", args -> HostValues.enumVariant("Color", "Rgb", Value.of(1), Value.of(2), Value.of(3)));
        assertThat(e.eval("match color() { Color::Rgb(r, g, b) => r + g + b, _ => 0 }").repr()).isEqualTo("6");
        assertThat(e.eval("color()").repr()).isEqualTo("Color::Rgb(1, 2, 3)");
    }

    @Test
    void asyncHostFunctionsReturnStructsThatScriptsDestructure() {
        Engine e = engine();
        e.registerAsyncFn("fetch_point", args -> CompletableFuture.completedFuture(
                HostValues.struct("Point", Map.of("x", Value.of(1), "y", Value.of(2)))));
        assertThat(e.evalAsync("let Point { x, y } = fetch_point(); x + y").join().repr()).isEqualTo("3");
    }

    @Test
    void structsAndEnumsConvertToJavaAndBack() {
        Value p = engine().eval("Point { x: 1, y: [Shape::Circle(2.5), None] }");
        Object j = HostValues.toJava(p);
        assertThat(j).isInstanceOf(HostValues.HostStruct.class);
        HostValues.HostStruct hs = (HostValues.HostStruct) j;
        assertThat(hs.name()).isEqualTo("Point");
        assertThat(hs.fields().keySet()).containsExactly("x", "y");
        assertThat(hs.fields().get("x")).isEqualTo(1L);
        List<?> y = (List<?>) hs.fields().get("y");
        assertThat(y.get(0)).isEqualTo(new HostValues.HostEnum("Shape", "Circle", List.of(2.5)));
        assertThat(y.get(1)).isNull();
        assertThat(HostValues.fromJava(j)).isEqualTo(p);
        HostValues.HostEnum empty = new HostValues.HostEnum("Shape", "Empty", List.of());
        assertThat(HostValues.toJava(HostValues.enumVariant("Shape", "Empty"))).isEqualTo(empty);
        assertThat(HostValues.fromJava(empty).repr()).isEqualTo("Shape::Empty");
        assertThatThrownBy(() -> HostValues.struct("bad name", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromJavaAndToJavaRoundTripPlainData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "ion");
        data.put("n", 42L);
        data.put("pi", 3.5);
        data.put("ok", true);
        data.put("none", null);
        data.put("tags", List.of("a", "b"));
        data.put("nested", Map.of("k", List.of(1L, 2L)));
        Value v = HostValues.fromJava(data);
        assertThat(v.repr()).isEqualTo(
                "#{\"name\": \"ion\", \"n\": 42, \"pi\": 3.5, \"ok\": true, \"none\": None, \"tags\": [\"a\", \"b\"], "
                        + "\"nested\": #{\"k\": [1, 2]}}");
        assertThat(HostValues.toJava(v)).isEqualTo(data);
        assertThat(HostValues.toJava(HostValues.fromJava(7))).isEqualTo(7L);
        assertThat(HostValues.toJava(HostValues.fromJava(1.5f))).isEqualTo(1.5);
        assertThat(HostValues.fromJava(Optional.of("x")).repr()).isEqualTo("Some(\"x\")");
        assertThat(HostValues.fromJava(new Object[] {1, "a"}).repr()).isEqualTo("[1, \"a\"]");
        assertThat((byte[]) HostValues.toJava(HostValues.fromJava(new byte[] {1, 2}))).containsExactly(1, 2);
        assertThat(HostValues.toJava(new Engine().eval("(1, set([2]), Some(3), ())")))
                .isEqualTo(Arrays.asList(1L, List.of(2L), 3L, null));
        assertThatThrownBy(() -> HostValues.fromJava(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonTextRoundTrips() {
        Value v = HostValues.fromJson("{\"a\": [1, 2.5, null, true], \"b\": {\"c\": \"d\"}}");
        assertThat(v.repr()).isEqualTo("#{\"a\": [1, 2.5, None, true], \"b\": #{\"c\": \"d\"}}");
        assertThat(HostValues.toJson(v)).isEqualTo("{\"a\":[1,2.5,null,true],\"b\":{\"c\":\"d\"}}");
        assertThat(HostValues.fromJson(HostValues.toJson(v))).isEqualTo(v);
        assertThatThrownBy(() -> HostValues.fromJson("[1,")).isInstanceOf(IonException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> HostValues.toJson(HostValues.enumVariant("Shape", "Empty")))
                .isInstanceOf(IonException.class);
    }

    @Test
    void hostValuesPassThroughHostFunctions() {
        Engine e = new Engine();
        List<Value> seen = new ArrayList<>();
        e.registerFn("keep", args -> {
            seen.addAll(args);
            return HostValues.fromJava(Map.of("count", args.size()));
        });
        assertThat(e.eval("keep(1, \"two\", [3]).count").repr()).isEqualTo("3");
        assertThat(seen).extracting(Value::repr).containsExactly("1", "\"two\"", "[3]");
        assertThat(e.eval("keep()").repr()).isEqualTo("#{\"count\": 0}");
    }

    @Test
    void javaExceptionsInHostFunctionsBecomeCleanCatchableErrors() {
        Engine e = new Engine();
        e.registerFn("first", args -> args.get(0));
        e.registerFn("picky", args -> {
            throw new IllegalArgumentException("picky wants a string");
        });
        e.registerAsyncFn("later", args -> CompletableFuture.completedFuture(args.get(1)));
        assertThat(e.eval("try { first() } catch e { e }").asString())
                .isEqualTo("first() failed in the host: Index 0 out of bounds for length 0");
        assertThat(e.eval("try { picky(1) } catch e { e }").asString())
                .isEqualTo("picky() failed in the host: picky wants a string");
        assertThat(e.evalAsync("try { later(1) } catch e { e }").join().asString())
                .startsWith("later() failed in the host");
        IonException uncaught = catchThrowableOfType(() -> e.eval("first()"), IonException.class);
        assertThat(uncaught.kind()).isEqualTo(ErrorKind.RUNTIME);
        assertThat(uncaught.getMessage()).doesNotContain("Exception").doesNotContain("java");
    }

    @Test
    void anAsyncHostErrorKeepsATypeOrNameKindButNeverRaisesALimit() {
        Engine e = new Engine();
        e.registerAsyncFn("typed", args -> CompletableFuture.failedFuture(IonException.type("typed() wants a string")));
        e.registerAsyncFn("thrown", args -> {
            throw IonException.name("thrown() has no such key");
        });
        e.registerAsyncFn("limited", args -> CompletableFuture.failedFuture(IonException.limit("fuel", 1)));
        IonException typed = asyncError(e, "let a = 1;\ntyped()");
        assertThat(typed.kind()).isEqualTo(ErrorKind.TYPE);
        assertThat(typed.getMessage()).isEqualTo("typed() wants a string");
        assertThat(typed.line()).isEqualTo(2);
        assertThat(asyncError(e, "thrown()").kind()).isEqualTo(ErrorKind.NAME);
        assertThat(e.evalAsync("try { limited() } catch e { f\"caught: {e}\" }").join().asString())
                .isEqualTo("caught: limit exceeded: fuel (1)");
    }

    private static IonException asyncError(Engine e, String source) {
        Throwable failure = catchThrowableOfType(() -> e.evalAsync(source).join(), CompletionException.class);
        return (IonException) failure.getCause();
    }

    @Test
    void registeredModulesAreUsableByPathAndUse() {
        Engine e = new Engine().registerModule("geo", Map.of(
                "ORIGIN", Value.tuple(Value.of(0), Value.of(0)),
                "UNIT", Value.of(1.0)));
        e.registerModule("text", Map.of("NAME", Value.of("ion")));
        assertThat(e.eval("geo::ORIGIN").repr()).isEqualTo("(0, 0)");
        assertThat(e.eval("use geo::UNIT; UNIT * 2").repr()).isEqualTo("2.0");
        assertThat(e.eval("use text::*; NAME.to_upper()").repr()).isEqualTo("\"ION\"");
        assertThat(e.eval("type_of(geo)").repr()).isEqualTo("\"module\"");
        IonException missing = catchThrowableOfType(() -> e.eval("geo::NOPE"), IonException.class);
        assertThat(missing.getMessage()).isEqualTo("module 'geo' has no member 'NOPE'");
    }

    @Test
    void registeredModuleFunctionsAreCallable() {
        Engine e = new Engine();
        Engine inner = new Engine();
        inner.registerFn("double", args -> Value.of(args.get(0).asLong() * 2));
        Value doubler = inner.eval("double");
        e.registerModule("util", Map.of("double", doubler));
        assertThat(e.eval("util::double(21)").repr()).isEqualTo("42");
        assertThat(e.eval("[1, 2].map(util::double)").repr()).isEqualTo("[2, 4]");
    }

    // ---------------------------------------------------------------- seeds and logs

    @Test
    void randomSeedMakesRandReproducible() {
        String script = "[rand::int(1, 1000), rand::float(), rand::bool(), rand::choice([1, 2, 3]), "
                + "rand::shuffle([1, 2, 3, 4, 5]), rand::sample(range(100).to_list(), 3), rand::bytes(4)]";
        String a = new Engine().setRandomSeed(42).eval(script).repr();
        String b = new Engine().setRandomSeed(42).eval(script).repr();
        String c = new Engine().setRandomSeed(43).eval(script).repr();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void logHandlerReceivesEveryLevel() {
        List<String> records = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        new Engine().setOutputHandler(out::append)
                .setLogHandler((level, message) -> records.add(level + "|" + message))
                .eval("log::info(\"started\", 1, [2]); log::trace(\"t\"); log::debug(\"d\"); "
                        + "log::warn(\"w\"); log::error(\"e\"); log::info()");
        assertThat(records).containsExactly("info|started 1 [2]", "trace|t", "debug|d", "warn|w", "error|e", "info|");
        assertThat(out.toString()).isEmpty();
    }
}
