package dev.ion.engine.parse;

import java.util.List;

/**
 * The syntax tree the parser produces and the compiler consumes. Every node carries
 * the {@link Span} of its source text. Lists are never null (empty instead); optional
 * children are null when absent.
 */
public final class Ast {
    private Ast() {
    }

    /** Any node. */
    public sealed interface Node permits Expr, Stmt, Pattern {
        Span span();
    }

    // ======================= statements =======================

    public sealed interface Stmt extends Node {
    }

    /** {@code let [mut] PATTERN [: TYPE] = value;} ({@code mut} is recorded on the binding patterns). */
    public record Let(Pattern pattern, TypeAnn type, Expr value, Span span) implements Stmt {
    }

    /** {@code fn name(params) { body }} as a statement. */
    public record FnDecl(String name, List<Param> params, Block body, Span span) implements Stmt {
    }

    /**
     * {@code target op= value} where {@code op} is null for plain {@code =}, else
     * {@code + - * /} ({@link BinaryOp#ADD} … {@link BinaryOp#DIV}). {@code target} is an {@link Ident}, {@link Index} or {@link Field}
     * chain rooted at an identifier.
     */
    public record Assign(Expr target, BinaryOp op, Expr value, Span span) implements Stmt {
    }

    /** An expression used as a statement; {@code semicolon} tells whether a {@code ;} followed it. */
    public record ExprStmt(Expr expr, boolean semicolon, Span span) implements Stmt {
    }

    /**
     * {@code use a::b::name [as alias];}, {@code use a::b::{x, y as z};} or {@code use a::b::*;}.
     * {@code path} is the module path; {@code items} the imported names (empty for a glob).
     */
    public record Use(List<String> path, List<UseItem> items, boolean glob, Span span) implements Stmt {
    }

    /** One imported name; {@code alias} is null when not renamed. */
    public record UseItem(String name, String alias, Span span) {
    }

    // ======================= expressions =======================

    public sealed interface Expr extends Node {
    }

    public record IntLit(long value, Span span) implements Expr {
    }

    public record FloatLit(double value, Span span) implements Expr {
    }

    public record StrLit(String value, Span span) implements Expr {
    }

    public record BytesLit(byte[] value, Span span) implements Expr {
    }

    public record BoolLit(boolean value, Span span) implements Expr {
    }

    /** {@code None}. */
    public record NoneLit(Span span) implements Expr {
    }

    /** {@code ()}. */
    public record UnitLit(Span span) implements Expr {
    }

    /** An f-string: the parts are {@link StrLit} pieces of literal text and embedded expressions, in order. */
    public record FString(List<Expr> parts, Span span) implements Expr {
    }

    public record Ident(String name, Span span) implements Expr {
    }

    /** {@code a::b::c} (two or more segments): a module member or an enum variant. */
    public record Path(List<String> segments, Span span) implements Expr {
    }

    /** {@code Some(e)}, {@code Ok(e)}, {@code Err(e)}: {@code ctor} is "Some", "Ok" or "Err". */
    public record Wrap(String ctor, Expr value, Span span) implements Expr {
    }

    /** {@code ...expr} inside a list, tuple or call; in a dict literal it spreads a dict. */
    public record Spread(Expr value, Span span) implements Expr {
    }

    /** {@code [a, b, ...c]}; items may be {@link Spread}. */
    public record ListLit(List<Expr> items, Span span) implements Expr {
    }

    /** {@code (a,)}, {@code (a, b)}; items may be {@link Spread}. */
    public record TupleLit(List<Expr> items, Span span) implements Expr {
    }

    /**
     * {@code #{k: v, "s": v, (expr): v, ...d}}. For a bare identifier or string key the parser
     * gives a {@link StrLit} key; {@code (expr)} gives the expression. {@code key} is null for a spread entry.
     */
    public record DictLit(List<DictEntry> entries, Span span) implements Expr {
    }

    /** One entry of a dict literal: {@code key: value}, or {@code ...value} when {@code key} is null. */
    public record DictEntry(Expr key, Expr value, Span span) {
    }

    /** {@code for PATTERN in iterable [if cond]} inside a comprehension. */
    public record CompClause(Pattern pattern, Expr iterable, Expr condition, Span span) {
    }

    /** {@code [element for … if …]}, with one or more clauses. */
    public record ListComp(Expr element, List<CompClause> clauses, Span span) implements Expr {
    }

    /**
     * {@code #{key: value for … if …}}. A bare identifier key is an {@link Ident} here (evaluated
     * as a variable); a quoted key is a {@link StrLit}.
     */
    public record DictComp(Expr key, Expr value, List<CompClause> clauses, Span span) implements Expr {
    }

    /**
     * {@code Name { field: value, other, … }}: a host struct literal ({@code other} alone is short for
     * {@code other: other}). Not allowed where a block follows (conditions of {@code if}/{@code while},
     * {@code match} subjects, {@code for} iterables) unless parenthesized.
     */
    public record StructLit(String name, List<FieldInit> fields, Span span) implements Expr {
    }

    /** One field of a struct literal. */
    public record FieldInit(String name, Expr value, Span span) {
    }

    /** {@code -x} ({@link UnaryOp#NEG}) or {@code !x} ({@link UnaryOp#NOT}). */
    public record Unary(UnaryOp op, Expr operand, Span span) implements Expr {
    }

    /**
     * Binary operators: {@code + - * / % == != < > <= >= & | ^ << >>}. ({@code && ||} are
     * {@link Logical}, {@code |>} is {@link Pipe}, ranges are {@link Range}.)
     */
    public record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {
    }

    /** {@code a && b} ({@code and} true) or {@code a || b}. */
    public record Logical(boolean and, Expr left, Expr right, Span span) implements Expr {
    }

    /** {@code a..b} / {@code a..=b}; inside {@code [ ]} indexing either bound may be null ({@code xs[..b]}, {@code xs[a..]}). */
    public record Range(Expr start, Expr end, boolean inclusive, Span span) implements Expr {
    }

    /** {@code value |> function}. */
    public record Pipe(Expr value, Expr function, Span span) implements Expr {
    }

    /** {@code callee(args)}. */
    public record Call(Expr callee, List<Arg> args, Span span) implements Expr {
    }

    /** {@code receiver.name(args)}. */
    public record MethodCall(Expr receiver, String name, List<Arg> args, Span span) implements Expr {
    }

    /** A call argument. {@code kind}: POSITIONAL, KEYWORD (with {@code name}), SPREAD ({@code *list}) or SPREAD_DICT ({@code **dict}). */
    public record Arg(ArgKind kind, String name, Expr value, Span span) {
    }

    public enum ArgKind { POSITIONAL, KEYWORD, SPREAD, SPREAD_DICT }

    /** {@code receiver.name}; tuple fields are {@code .0}, {@code .1} … with {@code name} "0", "1". */
    public record Field(Expr receiver, String name, Span span) implements Expr {
    }

    /** {@code receiver[index]}; a slice when {@code index} is a {@link Range}. */
    public record Index(Expr receiver, Expr index, Span span) implements Expr {
    }

    /** Postfix {@code expr?}. */
    public record Question(Expr value, Span span) implements Expr {
    }

    /** Postfix {@code expr.await}. */
    public record Await(Expr task, Span span) implements Expr {
    }

    /** {@code { stmts; tail }}: {@code tail} is the final expression without {@code ;}, or null. */
    public record Block(List<Stmt> stmts, Expr tail, Span span) implements Expr {
    }

    /** {@code if cond { } [else …]}; {@code otherwise} is a {@link Block}, {@link If}, {@link IfLet} or null. */
    public record If(Expr condition, Block then, Expr otherwise, Span span) implements Expr {
    }

    /** {@code if let PATTERN = value { } [else …]}. */
    public record IfLet(Pattern pattern, Expr value, Block then, Expr otherwise, Span span) implements Expr {
    }

    /** {@code match subject { arms }}. */
    public record Match(Expr subject, List<MatchArm> arms, Span span) implements Expr {
    }

    /** {@code PATTERN [if guard] => body}. */
    public record MatchArm(Pattern pattern, Expr guard, Expr body, Span span) {
    }

    /** {@code ['label:] loop { }}; {@code label} without the quote, or null. */
    public record Loop(String label, Block body, Span span) implements Expr {
    }

    public record While(String label, Expr condition, Block body, Span span) implements Expr {
    }

    public record WhileLet(String label, Pattern pattern, Expr value, Block body, Span span) implements Expr {
    }

    public record For(String label, Pattern pattern, Expr iterable, Block body, Span span) implements Expr {
    }

    /** {@code break ['label] [value]}. */
    public record Break(String label, Expr value, Span span) implements Expr {
    }

    public record Continue(String label, Span span) implements Expr {
    }

    public record Return(Expr value, Span span) implements Expr {
    }

    /** {@code |params| body} or {@code || body}; also an anonymous {@code fn(params) { }}. */
    public record Lambda(List<Param> params, Expr body, Span span) implements Expr {
    }

    /** {@code try { body } catch PATTERN { handler }} (usually a plain name). */
    public record TryCatch(Block body, Pattern binding, Block handler, Span span) implements Expr {
    }

    /** {@code async { body }}: a nursery. */
    public record Async(Block body, Span span) implements Expr {
    }

    /** {@code spawn expr}. */
    public record Spawn(Expr value, Span span) implements Expr {
    }

    /** {@code select { PATTERN = expr => body, … }}. */
    public record Select(List<SelectArm> arms, Span span) implements Expr {
    }

    /** One select arm; {@code source} is the racing expression (a {@link Spawn} or a call). */
    public record SelectArm(Pattern pattern, Expr source, Expr body, Span span) {
    }

    // ======================= functions =======================

    /**
     * A parameter. {@code kind} NORMAL (with optional {@code defaultValue}), REST ({@code *name})
     * or KWARGS ({@code **name}). Markers {@code /} and bare {@code *} are recorded on the
     * parameters themselves: {@code positionalOnly} for those before {@code /},
     * {@code keywordOnly} for those after a bare {@code *} (or after {@code *rest}).
     */
    public record Param(String name, ParamKind kind, Expr defaultValue, boolean positionalOnly,
                        boolean keywordOnly, Span span) {
    }

    public enum ParamKind { NORMAL, REST, KWARGS }

    /** A type annotation such as {@code int}, {@code Option<int>}, {@code list<string>}. */
    public record TypeAnn(String name, List<TypeAnn> args, Span span) {
    }

    // ======================= patterns =======================

    public sealed interface Pattern extends Node {
    }

    /** {@code _}. */
    public record WildcardPat(Span span) implements Pattern {
    }

    /** A name binding; {@code mutable} for {@code let mut x}. */
    public record BindPat(String name, boolean mutable, Span span) implements Pattern {
    }

    /** A literal: {@link IntLit}, {@link FloatLit}, {@link StrLit}, {@link BytesLit}, {@link BoolLit}, {@link UnitLit} (negative numbers folded). */
    public record LitPat(Expr literal, Span span) implements Pattern {
    }

    public record NonePat(Span span) implements Pattern {
    }

    /** {@code Some(p)}, {@code Ok(p)}, {@code Err(p)}: {@code ctor} is "Some", "Ok" or "Err". */
    public record WrapPat(String ctor, Pattern inner, Span span) implements Pattern {
    }

    public record TuplePat(List<Pattern> items, Span span) implements Pattern {
    }

    /**
     * {@code [p, q, ...rest]}: {@code rest} is the pattern after {@code ...} (a {@link BindPat}
     * or {@link WildcardPat}), or null when there is no rest element.
     */
    public record ListPat(List<Pattern> items, Pattern rest, boolean hasRest, Span span) implements Pattern {
    }

    /** {@code Enum::Variant} or {@code Enum::Variant(p, …)}; {@code args} null for the bare form. */
    public record EnumPat(String enumName, String variant, List<Pattern> args, Span span) implements Pattern {
    }

    /** {@code Name { f, g: p }}; a field without a pattern binds its own name. */
    public record StructPat(String name, List<FieldPat> fields, Span span) implements Pattern {
    }

    public record FieldPat(String name, Pattern pattern, Span span) {
    }

    /** {@code p | q}: matches if either does (both must bind the same names). */
    public record OrPat(List<Pattern> alternatives, Span span) implements Pattern {
    }

    /** {@code lo..=hi} or {@code lo..hi} with literal int bounds (either may be null). */
    public record RangePat(Expr low, Expr high, boolean inclusive, Span span) implements Pattern {
    }
}
