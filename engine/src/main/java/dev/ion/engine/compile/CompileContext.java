package dev.ion.engine.compile;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.compile.FunctionState.Local;
import dev.ion.engine.parse.Span;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * What the parts of the compiler share while compiling one script: the function being
 * compiled (its emitter and scopes), the script's globals, the problems found so far, and
 * the parts themselves, so each can hand a sub-tree to the one that compiles it.
 */
final class CompileContext {
    final Environment env;
    final Compiler statements;
    final NameResolver names;
    final ExprCompiler exprs;
    final ControlCompiler control;
    final PatternCompiler patterns;
    final HostTypeChecks hostTypes;

    /** The function being compiled; a nested function replaces it while it compiles. */
    FunctionState fs;
    /** The script's main function. */
    FunctionState main;
    final List<String> globalNames = new ArrayList<>();
    /** Top-level bindings in source order, for forward references from functions. */
    final List<Local> topLevel = new ArrayList<>();
    /** Global slots of hoisted top-level functions: set before the first statement runs, never reassigned. */
    final BitSet hoistedGlobals = new BitSet();
    /** Top-level names that top-level functions mention: they live in global slots. */
    Set<String> globalized = Set.of();
    final List<IonException.Problem> problems = new ArrayList<>();

    CompileContext(Environment env, Compiler statements) {
        this.env = env;
        this.statements = statements;
        this.names = new NameResolver(this);
        this.exprs = new ExprCompiler(this);
        this.control = new ControlCompiler(this);
        this.patterns = new PatternCompiler(this);
        this.hostTypes = new HostTypeChecks(this);
    }

    void error(Span at, String message) {
        problem(ErrorKind.PARSE, at, message);
    }

    void typeError(Span at, String message) {
        problem(ErrorKind.TYPE, at, message);
    }

    void nameError(Span at, String message) {
        problem(ErrorKind.NAME, at, message);
    }

    private void problem(ErrorKind kind, Span at, String message) {
        problems.add(new IonException.Problem(kind, message, at.line(), at.column(), at.length()));
    }
}
