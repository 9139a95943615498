package dev.ion.engine.parse;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The parser against LANGUAGE.md §2–§7 and §10: tree shapes (printed as S-expressions by
 * {@link AstPrinter}), precedence, statement termination, error reporting and nesting bounds.
 */
class ParserTest {

    /** The whole script, printed. */
    private static String p(String src) {
        return AstPrinter.print(Parser.parse(src));
    }

    /** The script's tail expression, printed. */
    private static String e(String src) {
        Ast.Block b = Parser.parse(src);
        assertThat(b.tail()).as("tail of %s", src).isNotNull();
        return AstPrinter.print(b.tail());
    }

    private static IonException err(String src) {
        IonException ex = catchThrowableOfType(IonException.class, () -> Parser.parse(src));
        assertThat(ex).as("expected an error for %s", src).isNotNull();
        return ex;
    }

    // ------------------------------------------------------------------ precedence

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
        "1 + 2 * 3 ~ (+ 1 (* 2 3))",
        "1 << 4 | 1 ~ (| (<< 1 4) 1)",
        "a == b | c ~ (| (== a b) c)",
        "a | b ^ c & d ~ (| a (^ b (& c d)))",
        "a & b == c ~ (& a (== b c))",
        "a == b < c ~ (== a (< b c))",
        "a < b << c ~ (< a (<< b c))",
        "a << b .. c ~ (<< a (.. b c))",
        "a .. b + c ~ (.. a (+ b c))",
        "a..=b ~ (..= a b)",
        "a + b * c % d ~ (+ a (% (* b c) d))",
        "a - b - c ~ (- (- a b) c)",
        "a / b * c ~ (* (/ a b) c)",
        "a < b < c ~ (< (< a b) c)",
        "a == b != c ~ (!= (== a b) c)",
        "a || b && c ~ (|| a (&& b c))",
        "a && b || c && d ~ (|| (&& a b) (&& c d))",
        "x |> f || g ~ (|> x (|| f g))",
        "x |> f |> g(1) ~ (|> (|> x f) (call g 1))",
        "-a * b ~ (* (- a) b)",
        "-a.b() ~ (- (.b a))",
        "!a == b ~ (== (! a) b)",
        "- - !x ~ (- (- (! x)))",
        "-x? ~ (- (? x))",
        "a.b.c(1)[2]? ~ (? (index (.c (. a b) 1) 2))",
        "h.await? ~ (? (await h))",
        "f(1)(2) ~ (call (call f 1) 2)",
        "t.0.1 ~ (. (. t 0) 1)",
        "(1 + 2) * 3 ~ (* (+ 1 2) 3)",
        "a & b | c ^ d ~ (| (& a b) (^ c d))",
    })
    void precedence(String src, String tree) {
        assertThat(e(src)).isEqualTo(tree);
    }

    @Test
    void rangesAreNonAssociative() {
        IonException ex = err("a..b..c");
        assertThat(ex.kind()).isEqualTo(ErrorKind.PARSE);
        assertThat(ex.getMessage()).contains("cannot be chained");
        assertThat(ex.column()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ statement termination

    @Test
    void newlinesEndNothing() {
        assertThat(p("a\n(b)")).isEqualTo("(block -> (call a b))");
        assertThat(p("a\n[0]")).isEqualTo("(block -> (index a 0))");
        assertThat(p("a\n- 1")).isEqualTo("(block -> (- a 1))");
        assertThat(p("a\n.b()")).isEqualTo("(block -> (.b a))");
        assertThat(p("a\n| b")).isEqualTo("(block -> (| a b))");
        assertThat(p("a;\n(b)")).isEqualTo("(block a; -> b)");
    }

    @Test
    void anExpressionEndsWhereTheNextTokenCannotContinueIt() {
        assertThat(p("a b")).isEqualTo("(block a -> b)");
        assertThat(p("print(1)\nprint(2)")).isEqualTo("(block (call print 1) -> (call print 2))");
        assertThat(p("let x = 1\nlet y = 2\nx")).isEqualTo("(block (let x 1) (let y 2) -> x)");
        assertThat(p("{ a; b }")).isEqualTo("(block -> (block a; -> b))");
        assertThat(p("1;")).isEqualTo("(block 1;)");
        assertThat(p("")).isEqualTo("(block)");
        assertThat(p(";;")).isEqualTo("(block)");
    }

    @Test
    void blockLikeStatementsEndAtTheirBrace() {
        assertThat(p("if c { a } else { b }\n-1")).isEqualTo("(block (if c (block -> a) (block -> b)) -> (- 1))");
        assertThat(p("match x { _ => 1 }\n(2, 3)")).isEqualTo("(block (match x (arm _ 1)) -> (tuple 2 3))");
        assertThat(p("{ a }\n[1]")).isEqualTo("(block (block -> a) -> (list 1))");
        assertThat(p("for x in xs { f(x) } -y")).isEqualTo("(block (for x xs (block -> (call f x))) -> (- y))");
        assertThat(p("while c { } loop { } 'a: loop { } async { } try { } catch e { } select { }"))
                .isEqualTo("(block (while c (block)) (loop (block)) (loop 'a (block)) (async (block)) "
                        + "(try (block) e (block)) -> (select))");
        assertThat(p("fn(x) { x }\n(1)")).isEqualTo("(block (lambda (x) (block -> x)) -> 1)");
        assertThat(p("if c { 1 };")).isEqualTo("(block (if c (block -> 1));)");
        // in expression position the operator continues
        assertThat(p("let x = if c {1} else {2} + 1;")).isEqualTo("(block (let x (+ (if c (block -> 1) (block -> 2)) 1)))");
        assertThat(p("x = match y { _ => 1 } * 2")).isEqualTo("(block (= x (* (match y (arm _ 1)) 2)))");
    }

    @Test
    void semicolonsAreRecordedOnExpressionStatements() {
        Ast.Block b = Parser.parse("f(); g() h()");
        assertThat(b.stmts()).hasSize(2);
        assertThat(((Ast.ExprStmt) b.stmts().get(0)).semicolon()).isTrue();
        assertThat(((Ast.ExprStmt) b.stmts().get(1)).semicolon()).isFalse();
        assertThat(b.tail()).isInstanceOf(Ast.Call.class);
    }

    // ------------------------------------------------------------------ statements

    @Test
    void letWithPatternsMutAndTypes() {
        assertThat(p("let x = 1;")).isEqualTo("(block (let x 1))");
        assertThat(p("let mut x: int = 1;")).isEqualTo("(block (let mut x : int 1))");
        assertThat(p("let (a, [b, ...c]) = t;")).isEqualTo("(block (let (tuple a [b ...c]) t))");
        assertThat(p("let mut (a, b) = t;")).isEqualTo("(block (let (tuple mut a mut b) t))");
        assertThat(p("let (mut a, _) = t;")).isEqualTo("(block (let (tuple mut a _) t))");
        assertThat(p("let x: Option<list<int>> = None;")).isEqualTo("(block (let x : Option<list<int>> None))");
        assertThat(p("let x: Result<dict<string, int>, string>= y;"))
                .isEqualTo("(block (let x : Result<dict<string, int>, string> y))");
        assertThat(p("let f: fn = g; let c: cell = h; let a: any = 1"))
                .isEqualTo("(block (let f : fn g) (let c : cell h) (let a : any 1))");
        Ast.Let let = (Ast.Let) Parser.parse("let x: Option<int> = 1").stmts().get(0);
        assertThat(let.type().name()).isEqualTo("Option");
        assertThat(let.type().args()).extracting(Ast.TypeAnn::name).containsExactly("int");
    }

    @Test
    void functionDeclarationsAndParameters() {
        assertThat(p("fn f(a, b = 2, *rest, **opts) { a }"))
                .isEqualTo("(block (fn f (a b=2 *rest **opts) (block -> a)))");
        assertThat(p("fn f(a, b, /, c, *, d, e = 1) {}"))
                .isEqualTo("(block (fn f (a@pos b@pos c d@kw e@kw=1) (block)))");
        assertThat(p("fn f(a, *r, b) {}")).isEqualTo("(block (fn f (a *r b@kw) (block)))");
        assertThat(p("fn f() { fn g() { 1 } g() }"))
                .isEqualTo("(block (fn f () (block (fn g () (block -> 1)) -> (call g))))");
        assertThat(err("fn f(**k, a) {}").getMessage()).isEqualTo("'**k' must be the last parameter");
        assertThat(err("fn f(/, a) {}").getMessage()).contains("'/' must follow at least one parameter");
    }

    @Test
    void assignments() {
        assertThat(p("x = 1; x += 2; x -= 3; x *= 4; x /= 5"))
                .isEqualTo("(block (= x 1) (+= x 2) (-= x 3) (*= x 4) (/= x 5))");
        assertThat(p("x[i] = 1; x.f = 2; x[i].f[j] += 3; t.0 = 4"))
                .isEqualTo("(block (= (index x i) 1) (= (. x f) 2) (+= (index (. (index x i) f) j) 3) (= (. t 0) 4))");
        Ast.Assign a = (Ast.Assign) Parser.parse("x = 1").stmts().get(0);
        assertThat(a.op()).isNull();
        assertThat(((Ast.Assign) Parser.parse("x += 1").stmts().get(0)).op()).isEqualTo(BinaryOp.ADD);
        for (String bad : List.of("f() = 1", "1 = 2", "x.m() = 1", "(a, b) = t", "a + b = c", "f()[0] = 1")) {
            IonException ex = err(bad);
            assertThat(ex.getMessage()).as(bad).isEqualTo("invalid assignment target");
            assertThat(ex.column()).isEqualTo(1);
        }
    }

    @Test
    void useStatements() {
        assertThat(p("use a::b::c;")).isEqualTo("(block (use a::b c))");
        assertThat(p("use a::{x, y as z};")).isEqualTo("(block (use a x y as z))");
        assertThat(p("use m::*;")).isEqualTo("(block (use m *))");
        assertThat(p("use m::n as k;")).isEqualTo("(block (use m n as k))");
        Ast.Use u = (Ast.Use) Parser.parse("use m::*").stmts().get(0);
        assertThat(u.glob()).isTrue();
        assertThat(u.items()).isEmpty();
        assertThat(err("use m::* as x;").getMessage()).contains("glob import cannot be aliased");
        assertThat(err("use m;").getMessage()).contains("expected '::'");
    }

    // ------------------------------------------------------------------ expressions

    @Test
    void literals() {
        assertThat(e("[1, 2.5, \"s\", b\"\\x01\", true, false, None, ()]"))
                .isEqualTo("(list 1 2.5 \"s\" b[1] true false None ())");
        assertThat(e("Some(1)")).isEqualTo("(Some 1)");
        assertThat(e("Ok(Err(x))")).isEqualTo("(Ok (Err x))");
        assertThat(e("xs.map(Some)")).isEqualTo("(.map xs Some)");
        assertThat(e("math::PI")).isEqualTo("math::PI");
        assertThat(e("a::b::c(1)")).isEqualTo("(call a::b::c 1)");
        Ast.Path path = (Ast.Path) Parser.parse("a::b::c").tail();
        assertThat(path.segments()).containsExactly("a", "b", "c");
    }

    @Test
    void tuplesListsAndParens() {
        assertThat(e("(1,)")).isEqualTo("(tuple 1)");
        assertThat(e("(1, 2)")).isEqualTo("(tuple 1 2)");
        assertThat(e("(1, 2,)")).isEqualTo("(tuple 1 2)");
        assertThat(e("(1)")).isEqualTo("1");
        assertThat(e("()")).isEqualTo("()");
        assertThat(e("(...a, b)")).isEqualTo("(tuple (... a) b)");
        assertThat(e("[]")).isEqualTo("(list)");
        assertThat(e("[1, ...xs, 2,]")).isEqualTo("(list 1 (... xs) 2)");
    }

    @Test
    void dictLiteralsAndComprehensions() {
        assertThat(e("#{}")).isEqualTo("(dict)");
        assertThat(e("#{k: 1, \"s\": 2, (k): 3, ...d,}")).isEqualTo("(dict (\"k\" 1) (\"s\" 2) (k 3) (... d))");
        assertThat(e("#{k: v for (k, v) in d if v > 1}"))
                .isEqualTo("(dictcomp k v (for (tuple k v) d if (> v 1)))");
        assertThat(e("#{\"k\": v for v in xs}")).isEqualTo("(dictcomp \"k\" v (for v xs))");
        Ast.DictLit lit = (Ast.DictLit) Parser.parse("#{k: 1}").tail();
        assertThat(lit.entries().get(0).key()).isInstanceOf(Ast.StrLit.class);
        Ast.DictComp comp = (Ast.DictComp) Parser.parse("#{k: 1 for k in ks}").tail();
        assertThat(comp.key()).isInstanceOf(Ast.Ident.class);
    }

    @Test
    void listComprehensions() {
        assertThat(e("[x * x for x in 0..5 if x % 2 == 0]"))
                .isEqualTo("(listcomp (* x x) (for x (.. 0 5) if (== (% x 2) 0)))");
        assertThat(e("[(x, y) for x in xs for (y, _) in ys if x < y]"))
                .isEqualTo("(listcomp (tuple x y) (for x xs) (for (tuple y _) ys if (< x y)))");
        assertThat(e("[spawn f(i) for i in 0..3]")).isEqualTo("(listcomp (spawn (call f i)) (for i (.. 0 3)))");
    }

    @Test
    void closuresAndAnonymousFunctions() {
        assertThat(e("|a, b| a + b")).isEqualTo("(lambda (a b) (+ a b))");
        assertThat(e("|| { 1 }")).isEqualTo("(lambda () (block -> 1))");
        assertThat(e("|x = 1, *rest| x")).isEqualTo("(lambda (x=1 *rest) x)");
        // a default inside |...| stops before '|', which closes the parameters
        assertThat(e("|x = a| x")).isEqualTo("(lambda (x=a) x)");
        assertThat(e("|x = 1 + 2, **kw| x")).isEqualTo("(lambda (x=(+ 1 2) **kw) x)");
        assertThat(e("xs.map(|x| x * 10)")).isEqualTo("(.map xs (lambda (x) (* x 10)))");
        assertThat(e("fn(a, b = 2) { a + b }")).isEqualTo("(lambda (a b=2) (block -> (+ a b)))");
        assertThat(e("f(fn() { 1 })")).isEqualTo("(call f (lambda () (block -> 1)))");
    }

    @Test
    void callsWithEveryKindOfArgument() {
        assertThat(e("f(1, *xs, k: 2, **d)")).isEqualTo("(call f 1 *xs k:2 **d)");
        assertThat(e("f(...xs)")).isEqualTo("(call f *xs)");
        assertThat(e("o.m(1, *xs)")).isEqualTo("(.m o 1 *xs)");
        assertThat(e("f()")).isEqualTo("(call f)");
        assertThat(e("f(a,)")).isEqualTo("(call f a)");
        Ast.Call call = (Ast.Call) Parser.parse("f(k: 1, *xs)").tail();
        assertThat(call.args()).extracting(Ast.Arg::kind).containsExactly(Ast.ArgKind.KEYWORD, Ast.ArgKind.SPREAD);
        IonException ex = err("f(a: 1, 2)");
        assertThat(ex.getMessage()).isEqualTo("positional argument after keyword argument");
        assertThat(ex.line()).isEqualTo(1);
        assertThat(ex.column()).isEqualTo(9);
    }

    @Test
    void indexingAndSlices() {
        assertThat(e("xs[-1]")).isEqualTo("(index xs (- 1))");
        assertThat(e("xs[a..b]")).isEqualTo("(index xs (.. a b))");
        assertThat(e("xs[..b]")).isEqualTo("(index xs (.. _ b))");
        assertThat(e("xs[a..]")).isEqualTo("(index xs (.. a _))");
        assertThat(e("xs[a..=b]")).isEqualTo("(index xs (..= a b))");
        assertThat(e("xs[..=b]")).isEqualTo("(index xs (..= _ b))");
        assertThat(e("xs[..]")).isEqualTo("(index xs (.. _ _))");
        assertThat(e("xs[i + 1..n - 1]")).isEqualTo("(index xs (.. (+ i 1) (- n 1)))");
        assertThat(e("xs[a | b]")).isEqualTo("(index xs (| a b))");
        assertThat(err("xs[a..=]").getMessage()).contains("inclusive range");
    }

    @Test
    void fStrings() {
        assertThat(e("f\"hello {name.to_upper()}, {1 + 1}!\""))
                .isEqualTo("(f \"hello \" (.to_upper name) \", \" (+ 1 1) \"!\")");
        assertThat(e("f\"nested {#{\"k\": \"v\"}[\"k\"]}\"")).isEqualTo("(f \"nested \" (index (dict (\"k\" \"v\")) \"k\"))");
        assertThat(e("f\"{{\\\"id\\\": {id}}}\"")).isEqualTo("(f \"{\\\"id\\\": \" id \"}\")");
        assertThat(e("f\"a{f\"b{c}\"}\"")).isEqualTo("(f \"a\" (f \"b\" c))");
        assertThat(e("f\"\"")).isEqualTo("(f)");
        // embedded expressions keep their true source positions
        Ast.FString fs = (Ast.FString) Parser.parse("let a = 1;\nf\"x {a + bb}\"").tail();
        Ast.Binary bin = (Ast.Binary) fs.parts().get(1);
        assertThat(bin.span()).isEqualTo(new Span(2, 6, 16, 6));
        IonException ex = err("1;\nf\"ok {a b} {}\"");
        assertThat(ex.getMessage()).isEqualTo("expected '}' after the f-string expression, found 'b'");
        assertThat(ex.line()).isEqualTo(2);
        assertThat(ex.column()).isEqualTo(9);
        assertThat(err("f\"{}\"").getMessage()).isEqualTo("expected expression, found '}'");
    }

    @Test
    void ifAndIfLet() {
        assertThat(e("if a { 1 } else if b { 2 } else { 3 }"))
                .isEqualTo("(if a (block -> 1) (if b (block -> 2) (block -> 3)))");
        assertThat(e("if let Some(x) = y { x } else { 0 }")).isEqualTo("(if-let (Some x) y (block -> x) (block -> 0))");
        assertThat(e("if a { 1 } else if let Ok(v) = r { v }"))
                .isEqualTo("(if a (block -> 1) (if-let (Ok v) r (block -> v)))");
        assertThat(e("if x == y { 1 }")).isEqualTo("(if (== x y) (block -> 1))");
        assertThat(e("if xs.any(|x| x > 1) { 1 }")).isEqualTo("(if (.any xs (lambda (x) (> x 1))) (block -> 1))");
    }

    @Test
    void match() {
        assertThat(e("match s { s if s >= 90 => \"A\", _ => \"C\" }"))
                .isEqualTo("(match s (arm s if (>= s 90) \"A\") (arm _ \"C\"))");
        assertThat(e("match x { 1 => { a } 2 => b, }")).isEqualTo("(match x (arm 1 (block -> a)) (arm 2 b))");
        assertThat(e("match x { 1 => if a { 1 } else { 2 } 2 => b }"))
                .isEqualTo("(match x (arm 1 (if a (block -> 1) (block -> 2))) (arm 2 b))");
        assertThat(e("match x { }")).isEqualTo("(match x)");
        IonException ex = err("match x { 1 => a 2 => b }");
        assertThat(ex.getMessage()).isEqualTo("expected ',' or '}' after match arm, found '2'");
        assertThat(ex.column()).isEqualTo(18);
    }

    @Test
    void loopsLabelsAndJumps() {
        assertThat(e("'outer: for a in xs { continue 'outer; }"))
                .isEqualTo("(for 'outer a xs (block (continue 'outer);))");
        assertThat(e("loop { break }")).isEqualTo("(loop (block -> (break)))");
        assertThat(e("loop { break n; }")).isEqualTo("(loop (block (break n);))");
        assertThat(e("'a: loop { break 'a 5 }")).isEqualTo("(loop 'a (block -> (break 'a 5)))");
        assertThat(e("'w: while c { break 'w }")).isEqualTo("(while 'w c (block -> (break 'w)))");
        assertThat(e("while let [h, ...t] = xs { xs = t }")).isEqualTo("(while-let [h ...t] xs (block (= xs t)))");
        assertThat(e("for (k, v) in d { }")).isEqualTo("(for (tuple k v) d (block))");
        assertThat(e("|| return")).isEqualTo("(lambda () (return))");
        assertThat(e("match x { 1 => break, _ => return 2 }")).isEqualTo("(match x (arm 1 (break)) (arm _ (return 2)))");
        assertThat(e("f(|| return)")).isEqualTo("(call f (lambda () (return)))");
        assertThat(p("fn f() { return; }")).isEqualTo("(block (fn f () (block (return);)))");
        assertThat(err("'a: if x {}").getMessage()).isEqualTo("expected 'loop', 'while' or 'for' after a label, found 'if'");
    }

    @Test
    void tryAsyncSpawnAwaitSelect() {
        assertThat(e("try { f() } catch e { e }")).isEqualTo("(try (block -> (call f)) e (block -> e))");
        assertThat(e("try { f() } catch E { 1 }")).isEqualTo("(try (block -> (call f)) E (block -> 1))");
        assertThat(e("async { let h = spawn f(x); h.await? }"))
                .isEqualTo("(async (block (let h (spawn (call f x))) -> (? (await h))))");
        assertThat(e("spawn { sleep(5); 42 }")).isEqualTo("(spawn (block (call sleep 5); -> 42))");
        assertThat(e("spawn sleep(1000)")).isEqualTo("(spawn (call sleep 1000))");
        assertThat(e("spawn a.b(1).c")).isEqualTo("(spawn (. (.b a 1) c))");
        assertThat(e("spawn f() + 1")).isEqualTo("(spawn (+ (call f) 1))"); // "spawn EXPR: any expression"
        assertThat(e("hs.map(|h| h.await)")).isEqualTo("(.map hs (lambda (h) (await h)))");
        assertThat(e("select { v = spawn after(40) => f\"slow {v}\", w = g() => { w } x = h() => x }"))
                .isEqualTo("(select (arm v (spawn (call after 40)) (f \"slow \" v)) (arm w (call g) (block -> w)) "
                        + "(arm x (call h) x))");
    }

    @Test
    void patterns() {
        assertThat(e("match x { 1 | 2 => a, Some(y) => b, None => c, Ok(_) | Err(_) => d }"))
                .isEqualTo("(match x (arm (or 1 2) a) (arm (Some y) b) (arm None c) (arm (or (Ok _) (Err _)) d))");
        assertThat(e("match x { -1 => a, -2.5 => b, 1..=5 => c, 0..10 => d, ..=0 => e, \"s\" => f, b\"z\" => g, "
                + "true => h, () => i }"))
                .isEqualTo("(match x (arm -1 a) (arm -2.5 b) (arm (range 1 ..= 5) c) (arm (range 0 .. 10) d) "
                        + "(arm (range _ ..= 0) e) (arm \"s\" f) (arm b[122] g) (arm true h) (arm () i))");
        assertThat(e("match x { [a, b, ...rest] => 1, [..._] => 2, [...] => 3, [] => 4 }"))
                .isEqualTo("(match x (arm [a b ...rest] 1) (arm [..._] 2) (arm [...] 3) (arm [] 4))");
        assertThat(e("match x { (a,) => 1, (a, (b, c)) => 2, (a) => 3 }"))
                .isEqualTo("(match x (arm (tuple a) 1) (arm (tuple a (tuple b c)) 2) (arm a 3))");
        assertThat(e("match x { Color::Red => 1, Shape::Circle(r) => 2, Point { x, y: 0 } => 3, p => 4 }"))
                .isEqualTo("(match x (arm (enum Color::Red) 1) (arm (enum Shape::Circle (r)) 2) "
                        + "(arm (struct Point x:x y:0) 3) (arm p 4))");
        Ast.ListPat lp = (Ast.ListPat) ((Ast.Let) Parser.parse("let [a, ...] = x").stmts().get(0)).pattern();
        assertThat(lp.hasRest()).isTrue();
        assertThat(lp.rest()).isNull();
        Ast.LitPat neg = (Ast.LitPat) ((Ast.Match) Parser.parse("match x { -7 => 1 }").tail()).arms().get(0).pattern();
        assertThat(((Ast.IntLit) neg.literal()).value()).isEqualTo(-7L);
        assertThat(err("let [a, ...r, b] = x").getMessage()).contains("rest element must be last");
        assertThat(err("match x { => 1 }").getMessage()).isEqualTo("expected pattern, found '=>'");
    }

    // ------------------------------------------------------------------ spans

    @Test
    void spansCoverTheirSource() {
        Ast.Block b = Parser.parse("let x = 1 + 2;\n  foo(a, b)");
        Ast.Let let = (Ast.Let) b.stmts().get(0);
        assertThat(let.span()).isEqualTo(new Span(1, 1, 0, 13));
        assertThat(let.value().span()).isEqualTo(new Span(1, 9, 8, 5));
        assertThat(b.tail().span()).isEqualTo(new Span(2, 3, 17, 9));
        assertThat(((Ast.Call) b.tail()).args().get(1).span()).isEqualTo(new Span(2, 10, 24, 1));
    }

    // ------------------------------------------------------------------ errors

    @Test
    void errorMessagesNameWhatWasExpectedAndFound() {
        assertThat(err("f(1, 2}").getMessage()).isEqualTo("expected ')' after arguments, found '}'");
        assertThat(err("f(1 2)").getMessage()).isEqualTo("expected ')' after arguments, found '2'");
        assertThat(err(")").getMessage()).isEqualTo("expected expression, found ')'");
        assertThat(err("let x = 1 +").getMessage()).isEqualTo("unexpected end of input");
        assertThat(err("if x { 1").getMessage()).isEqualTo("expected '}' to close the block opened at 1:6, found end of input");
        assertThat(err("if x 1").getMessage()).isEqualTo("expected '{' after the if condition, found '1'");
        assertThat(err("let = 1").getMessage()).isEqualTo("expected pattern, found '='");
        assertThat(err("x.").getMessage()).isEqualTo("expected a field or method name after '.', found end of input");
        assertThat(err("let x: = 1").getMessage()).isEqualTo("expected a type, found '='");
        assertThat(err("fn name() {} let f = fn name() {}").getMessage()).contains("named function is a statement");
    }

    @Test
    void everyProblemIsReportedWithItsPosition() {
        IonException ex = err("let a = (1 + 2;\nlet b = 3;\nf(1, 2}\nlet c = ;\nfn g() { let d = ; }\nprint(c)");
        assertThat(ex.kind()).isEqualTo(ErrorKind.PARSE);
        assertThat(ex.line()).isEqualTo(1);
        assertThat(ex.column()).isEqualTo(15);
        assertThat(ex.getMessage()).isEqualTo("expected ')' after parenthesized expression, found ';'");
        assertThat(ex.problems()).extracting(IonException.Problem::line, IonException.Problem::column,
                        IonException.Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 15, "expected ')' after parenthesized expression, found ';'"),
                        org.assertj.core.groups.Tuple.tuple(3, 7, "expected ')' after arguments, found '}'"),
                        org.assertj.core.groups.Tuple.tuple(4, 9, "expected expression, found ';'"),
                        org.assertj.core.groups.Tuple.tuple(5, 18, "expected expression, found ';'"));
        assertThat(ex.problems()).allMatch(pr -> pr.kind() == ErrorKind.PARSE && pr.length() >= 1);
    }

    @Test
    void recoverySkipsTheRestOfABrokenBracedConstruct() {
        IonException ex = err("match x { 1 => a 2 => b }\nlet y = ;");
        assertThat(ex.problems()).extracting(IonException.Problem::line).containsExactly(1, 2);
    }

    @Test
    void lexErrorsComeFirstAndAreAllReported() {
        IonException ex = err("let s = \"abc\\q\";\nlet t = 1 @ 2;");
        assertThat(ex.kind()).isEqualTo(ErrorKind.LEX);
        assertThat(ex.problems()).hasSize(2);
        assertThat(ex.problems().get(1).line()).isEqualTo(2);
        assertThat(ex.problems().get(1).column()).isEqualTo(11);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc", "f\"abc", "f\"{x", "f\"\"\"abc", "b\"abc", "\"\"\"abc", "let s = \"a\nb"})
    void unterminatedLiteralsAreLexErrors(String src) {
        IonException ex = err(src);
        assertThat(ex.kind()).isEqualTo(ErrorKind.LEX);
        assertThat(ex.getMessage()).startsWith("unterminated");
    }

    // ------------------------------------------------------------------ nesting

    /** Parses on a thread with a 512 KiB stack (a common small default) and returns the outcome. */
    private static Object parseOnSmallStack(String src) throws InterruptedException {
        Object[] out = new Object[1];
        Thread t = new Thread(null, () -> {
            try {
                out[0] = Parser.parse(src);
            } catch (Throwable th) {
                out[0] = th;
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        return out[0];
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
        "'(' ~ 1 ~ ')'", "'[' ~ 1 ~ ']'", "'{' ~ 1 ~ '}'", "'#{a: ' ~ 1 ~ '}'", "'-' ~ 1 ~ ''", "'!' ~ 1 ~ ''",
        "'f\"{' ~ 1 ~ '}\"'", "'if x { ' ~ 1 ~ ' }'", "'|a| ' ~ 1 ~ ''", "'f(' ~ 1 ~ ')'", "'x[' ~ 1 ~ ']'",
        "'spawn ' ~ 1 ~ ''", "'1 + ' ~ 1 ~ ''", "'match x { _ => ' ~ 1 ~ ' }'", "'fn f() { ' ~ 1 ~ ' }'",
        "'{let x = ' ~ 1 ~ '}'", "'if a {} else ' ~ 'if b {}' ~ ''", "'return ' ~ 1 ~ ''", "'async { spawn ' ~ 1 ~ '}'",
    })
    void hugeNestingIsAParseErrorNeverAStackOverflow(String open, String middle, String close) throws Exception {
        int overflows = Parser.OVERFLOWS_CAUGHT.get();
        int n = 100_000;
        Object out = parseOnSmallStack(open.repeat(n) + middle + close.repeat(n));
        assertThat(out).isInstanceOf(IonException.class);
        IonException ex = (IonException) out;
        assertThat(ex.kind()).isEqualTo(ErrorKind.PARSE);
        assertThat(ex.getMessage()).isEqualTo("nesting too deep (limit 1000)");
        assertThat(Parser.OVERFLOWS_CAUGHT.get()).as("the stack-overflow safety net fired").isEqualTo(overflows);
    }

    @Test
    void deepPatternsAndTypesAreBoundedToo() throws Exception {
        Object pat = parseOnSmallStack("let " + "[".repeat(100_000) + "a" + "]".repeat(100_000) + " = 1");
        assertThat(((IonException) pat).getMessage()).isEqualTo("nesting too deep (limit 1000)");
        Object type = parseOnSmallStack("let x: " + "list<".repeat(100_000) + "int" + ">".repeat(100_000) + " = 1");
        assertThat(((IonException) type).getMessage()).isEqualTo("nesting too deep (limit 1000)");
        Object chain = parseOnSmallStack("x" + ".f()".repeat(100_000));
        assertThat(((IonException) chain).getMessage()).isEqualTo("nesting too deep (limit 1000)");
    }

    @Test
    void theNestingBoundIsExactlyOneThousandLevels() throws Exception {
        // the statement's expression is one level, each parenthesized expression one more
        Object ok = parseOnSmallStack("(".repeat(999) + "1" + ")".repeat(999));
        assertThat(ok).isInstanceOf(Ast.Block.class);
        Object tooDeep = parseOnSmallStack("(".repeat(1000) + "1" + ")".repeat(1000));
        assertThat(tooDeep).isInstanceOf(IonException.class);
        IonException ex = (IonException) tooDeep;
        assertThat(ex.line()).isEqualTo(1);
        assertThat(ex.column()).isEqualTo(1001);
        // 500 nested blocks (block + statement each) and 1000 unary operators fit
        assertThat(parseOnSmallStack("{".repeat(499) + "1" + "}".repeat(499))).isInstanceOf(Ast.Block.class);
        assertThat(parseOnSmallStack("-".repeat(999) + "1")).isInstanceOf(Ast.Block.class);
        assertThat(parseOnSmallStack("if x {".repeat(499) + "1" + "}".repeat(499))).isInstanceOf(Ast.Block.class);
    }

    // ------------------------------------------------------------------ conformance corpus

    @TestFactory
    Stream<DynamicTest> everyConformanceScriptParses() throws IOException {
        Path root = findConformance();
        assumeTrue(root != null, "shared/conformance not found above " + Path.of("").toAbsolutePath());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".ion")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            Ast.Block b = Parser.parse(Files.readString(f));
            assertThat(b.stmts().size() + (b.tail() == null ? 0 : 1)).isPositive();
        }));
    }

    private static Path findConformance() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("conformance");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
