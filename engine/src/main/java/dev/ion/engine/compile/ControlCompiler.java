package dev.ion.engine.compile;

import dev.ion.engine.compile.FunctionState.Kind;
import dev.ion.engine.compile.FunctionState.Local;
import dev.ion.engine.compile.FunctionState.LoopContext;
import dev.ion.engine.parse.Ast.*;
import dev.ion.engine.parse.BinaryOp;
import dev.ion.engine.parse.Span;
import dev.ion.engine.value.IntValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles control flow: conditionals, {@code match}, loops with {@code break}/{@code continue}
 * (unwinding the handlers, nurseries and stack values above the loop), returns and {@code ?},
 * {@code try}, {@code async} nurseries and {@code select}. A diagram above each method shows the
 * code it lays out; {@code off ->} marks a jump operand, patched once its target is known.
 */
final class ControlCompiler {
    private final CompileContext cx;

    ControlCompiler(CompileContext cx) {
        this.cx = cx;
    }

    private FunctionState fs() {
        return cx.fs;
    }

    /*
     *         <condition, jump unless> -> else      (compileJumpUnless)
     *         <then>
     *         JUMP -> end
     * else:   <otherwise> | UNIT
     * end:
     */
    void compileIf(If i) {
        int elseJump = compileJumpUnless(i.condition());
        cx.exprs.compileExpr(i.then());
        int end = fs().emitJump(Opcodes.JUMP);
        fs().adjustStack(-1);
        fs().patchJump(elseJump);
        if (i.otherwise() != null) cx.exprs.compileExpr(i.otherwise());
        else fs().emit(Opcodes.UNIT);
        fs().patchJump(end);
    }

    /*
     *         <value>; STORE tmp
     *         <pattern tests on tmp> -> else       (each failing test)
     *         <then>
     *         JUMP -> end
     * else:   <otherwise> | UNIT
     * end:
     */
    void compileIfLet(IfLet i) {
        fs().beginScope();
        cx.exprs.compileExpr(i.value());
        int tmp = fs().newSlot("<if-let>");
        fs().emit(Opcodes.STORE, tmp);
        List<Integer> fails = new ArrayList<>();
        cx.patterns.matchPattern(i.pattern(), tmp, fails, false);
        cx.exprs.compileExpr(i.then());
        fs().endScope();
        int end = fs().emitJump(Opcodes.JUMP);
        fs().adjustStack(-1);
        for (int f : fails) fs().patchJump(f);
        if (i.otherwise() != null) cx.exprs.compileExpr(i.otherwise());
        else fs().emit(Opcodes.UNIT);
        fs().patchJump(end);
    }

    /*
     *         <subject>; STORE subject
     * arm i:  <pattern tests on subject> -> arm i+1
     *         [<guard>; JUMP_IF_FALSE -> arm i+1]
     *         <body>
     *         JUMP -> end
     * arm n:  MATCH_FAIL "non-exhaustive match"
     * end:
     */
    void compileMatch(Match m) {
        cx.exprs.compileExpr(m.subject());
        int subject = fs().newSlot("<match>");
        fs().emit(Opcodes.STORE, subject);
        List<Integer> ends = new ArrayList<>();
        for (MatchArm arm : m.arms()) {
            fs().beginScope();
            List<Integer> fails = new ArrayList<>();
            fs().position = arm.span();
            cx.patterns.matchPattern(arm.pattern(), subject, fails, false);
            if (arm.guard() != null) {
                cx.exprs.compileExpr(arm.guard());
                fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            }
            cx.exprs.compileExpr(arm.body());
            fs().endScope();
            ends.add(fs().emitJump(Opcodes.JUMP));
            fs().adjustStack(-1);
            for (int f : fails) fs().patchJump(f);
        }
        fs().position = m.span();
        fs().emit(Opcodes.MATCH_FAIL, fs().stringConstant("non-exhaustive match"));
        fs().adjustStack(1); // it raises; the arms arrive with the match's value
        for (int e : ends) fs().patchJump(e);
    }

    /*
     * local < 3:    JUMP_UNLESS_LOCAL <, local, 3 -> false
     * a < b:        <a>; <b>; JUMP_UNLESS < -> false      (also <=, >, >=)
     * otherwise:    <condition>; JUMP_IF_FALSE -> false
     */
    /** Compiles {@code condition} and a jump taken when it is false; returns the jump's operand index. */
    private int compileJumpUnless(Expr condition) {
        if (condition instanceof Binary b && Operators.comparison(b.op()) >= 0 && ExprCompiler.smallInt(b.right())) {
            int local = cx.names.localSlot(b.left());
            if (local >= 0) {
                fs().position = b.span();
                return fs().emitJump(Opcodes.JUMP_UNLESS_LOCAL, Operators.comparison(b.op()), local,
                        (int) ((IntLit) b.right()).value());
            }
        }
        if (condition instanceof Binary b && Operators.comparison(b.op()) >= 0) {
            cx.exprs.compileOperands(b.left(), b.right());
            fs().position = b.span();
            return fs().emitJump(Opcodes.JUMP_UNLESS, Operators.comparison(b.op()));
        }
        cx.exprs.compileExpr(condition);
        return fs().emitJump(Opcodes.JUMP_IF_FALSE);
    }

    /*
     * if c { a } else { b }:   <c, jump unless> -> else
     *                          <a, returning>
     *                 else:    <b, returning>
     * a + b:                   <a>; <b>; RETURN_ADD     (not when a + 1 or two locals: one instruction already)
     * a local x:               RETURN_LOCAL x
     * anything else:           <e>; RETURN
     */
    /**
     * Compiles {@code e} and returns its value from the function. The branches of a
     * trailing {@code if} each return directly rather than jump to a shared RETURN.
     */
    void compileReturning(Expr e) {
        if (e instanceof Block b && b.tail() != null) {
            fs().beginScope();
            for (Stmt st : b.stmts()) cx.statements.compileStmt(st, false);
            compileReturning(b.tail());
            fs().endScope();
        } else if (e instanceof If i && i.otherwise() != null) {
            int elseJump = compileJumpUnless(i.condition());
            compileReturning(i.then());
            fs().patchJump(elseJump);
            compileReturning(i.otherwise());
        } else if (e instanceof Binary b && b.op() == BinaryOp.ADD && !ExprCompiler.smallInt(b.right())
                && (cx.names.localSlot(b.left()) < 0 || cx.names.localSlot(b.right()) < 0)) {
            cx.exprs.compileOperands(b.left(), b.right());
            fs().position = b.span();
            fs().emit(Opcodes.RETURN_ADD);
        } else {
            int local = cx.names.localSlot(e);
            if (local >= 0) {
                fs().emit(Opcodes.RETURN_LOCAL, local);
            } else {
                cx.exprs.compileExpr(e);
                fs().emit(Opcodes.RETURN);
            }
        }
    }

    /*
     *         <value> | UNIT
     *         (TRY_END…; NURSERY_END) for each async block it is in, innermost first
     *         RETURN                               (HALT in the script)
     */
    void compileReturn(Return r) {
        if (r.value() != null) cx.exprs.compileExpr(r.value());
        else fs().emit(Opcodes.UNIT);
        fs().position = r.span();
        emitReturn();
    }

    /**
     * Returns the value on top of the stack from the function (or ends the script), closing the
     * async blocks it is in.
     */
    private void emitReturn() {
        closeNurseries(0);
        fs().emit(fs().kind == Kind.MAIN ? Opcodes.HALT : Opcodes.RETURN);
        fs().adjustStack(1); // unreachable continuation; keep the expression's stack shape
    }

    /*
     * outside async blocks:   <value>; QUESTION
     * inside them:            <value>; QUESTION_JUMP -> fail
     *                         JUMP -> ok
     *                 fail:   (TRY_END…; NURSERY_END)…; RETURN    (the Err or None)
     *                 ok:
     */
    void compileQuestion(Question q) {
        cx.exprs.compileExpr(q.value());
        fs().position = q.span();
        if (fs().nurseryDepth == 0) {
            fs().emit(Opcodes.QUESTION);
        } else {
            // an early return from inside async blocks first joins their children
            int fail = fs().emitJump(Opcodes.QUESTION_JUMP);
            int ok = fs().emitJump(Opcodes.JUMP);
            fs().patchJump(fail);
            emitReturn();
            fs().patchJump(ok);
        }
    }

    private LoopContext pushLoop(String label) {
        LoopContext ctx = new LoopContext(label, fs().stackDepth, fs().handlerDepth, fs().nurseryDepth);
        fs().loops.add(ctx);
        return ctx;
    }

    /** Ends a loop: normal exit pushes (), breaks arrive with their value pushed. */
    private void popLoop(LoopContext ctx, int continueTarget) {
        for (int c : ctx.continueJumps) {
            fs().code.set(c, continueTarget - (c + 1));
        }
        fs().loops.remove(fs().loops.size() - 1);
    }

    private void finishLoopExit(LoopContext ctx, List<Integer> normalExits) {
        for (int x : normalExits) fs().patchJump(x);
        fs().emit(Opcodes.UNIT);
        for (int b : ctx.breakJumps) fs().patchJump(b);
    }

    /** Compiles a loop body for its effects only: no unit value pushed and popped. */
    private void compileDiscarding(Block body) {
        Span saved = fs().position;
        fs().position = body.span();
        fs().beginScope();
        for (Stmt st : body.stmts()) cx.statements.compileStmt(st, false);
        if (body.tail() != null) {
            cx.exprs.compileExpr(body.tail());
            fs().emit(Opcodes.POP);
        }
        fs().endScope();
        fs().position = saved;
    }

    /*
     * top:    <body, value dropped>                 continue: JUMP -> top
     *         JUMP -> top
     * end:                                          break: <value>; JUMP -> end
     */
    void compileLoop(Loop l) {
        LoopContext ctx = pushLoop(l.label());
        int top = fs().here();
        compileDiscarding(l.body());
        fs().emitLoop(top);
        popLoop(ctx, top);
        for (int b : ctx.breakJumps) fs().patchJump(b);
        fs().adjustStack(1);
    }

    /*
     * The condition is tested at the bottom, so an iteration takes one jump, not two:
     *
     *         JUMP -> test
     * body:   <body, value dropped>                 continue: JUMP -> test
     * test:   <condition, jump if> -> body
     *         UNIT
     * end:                                          break: <value>; JUMP -> end
     */
    void compileWhile(While w) {
        LoopContext ctx = pushLoop(w.label());
        int enter = fs().emitJump(Opcodes.JUMP);
        int body = fs().here();
        compileDiscarding(w.body());
        int test = fs().here();
        fs().patchJump(enter);
        int back = compileJumpIf(w.condition());
        fs().code.set(back, body - (back + 1));
        popLoop(ctx, test);
        finishLoopExit(ctx, List.of());
    }

    /*
     * local < 3:    JUMP_IF_LOCAL <, local, 3 -> target
     * a < b:        <a>; <b>; JUMP_IF < -> target      (also <=, >, >=)
     * otherwise:    <condition>; JUMP_IF_TRUE -> target
     */
    /** Compiles {@code condition} and a jump taken when it is true; returns the jump's operand index. */
    private int compileJumpIf(Expr condition) {
        if (condition instanceof Binary b && Operators.comparison(b.op()) >= 0 && ExprCompiler.smallInt(b.right())) {
            int local = cx.names.localSlot(b.left());
            if (local >= 0) {
                fs().position = b.span();
                return fs().emitJump(Opcodes.JUMP_IF_LOCAL, Operators.comparison(b.op()), local,
                        (int) ((IntLit) b.right()).value());
            }
        }
        if (condition instanceof Binary b && Operators.comparison(b.op()) >= 0) {
            cx.exprs.compileOperands(b.left(), b.right());
            fs().position = b.span();
            return fs().emitJump(Opcodes.JUMP_IF, Operators.comparison(b.op()));
        }
        cx.exprs.compileExpr(condition);
        return fs().emitJump(Opcodes.JUMP_IF_TRUE);
    }

    /*
     * top:    <value>; STORE tmp
     *         <pattern tests on tmp> -> exit
     *         <body, value dropped>                 continue: JUMP -> top
     *         JUMP -> top
     * exit:   UNIT
     * end:                                          break: <value>; JUMP -> end
     */
    void compileWhileLet(WhileLet w) {
        LoopContext ctx = pushLoop(w.label());
        int top = fs().here();
        fs().beginScope();
        cx.exprs.compileExpr(w.value());
        int tmp = fs().newSlot("<while-let>");
        fs().emit(Opcodes.STORE, tmp);
        List<Integer> fails = new ArrayList<>();
        cx.patterns.matchPattern(w.pattern(), tmp, fails, false);
        compileDiscarding(w.body());
        fs().endScope();
        fs().emitLoop(top);
        popLoop(ctx, top);
        finishLoopExit(ctx, fails);
    }

    /*
     *         <iterable>; ITER; STORE iter
     * top:    ITER_NEXT iter -> exit                (pushes the next value)
     *         STORE x | STORE item; <pattern tests>; MATCH_FAIL on failure
     *         <body, value dropped>                 continue: JUMP -> top
     *         JUMP -> top
     * exit:   UNIT
     * end:                                          break: <value>; JUMP -> end
     */
    void compileFor(For f) {
        fs().beginScope();
        cx.exprs.compileExpr(f.iterable());
        fs().position = f.span();
        fs().emit(Opcodes.ITER);
        int iter = fs().newSlot("<iter>");
        fs().emit(Opcodes.STORE, iter);
        if (f.pattern() instanceof BindPat b) {
            compileForBinding(f, b, iter);
            fs().endScope();
            return;
        }
        LoopContext ctx = pushLoop(f.label());
        int top = fs().here();
        int exit = emitIterNext(iter);
        fs().beginScope();
        int value = fs().newSlot("<item>");
        fs().emit(Opcodes.STORE, value);
        List<Integer> fails = new ArrayList<>();
        cx.patterns.matchPattern(f.pattern(), value, fails, false);
        cx.patterns.raiseOnFail(fails, "pattern match failed in for loop");
        compileDiscarding(f.body());
        fs().endScope();
        fs().emitLoop(top);
        popLoop(ctx, top);
        finishLoopExit(ctx, List.of(exit));
        fs().endScope();
    }

    /*
     * A loop variable that is a plain name takes the next value at the bottom, so an iteration
     * takes one instruction besides the body, not three:
     *
     *         JUMP -> test
     * body:   <body, value dropped>                 continue: JUMP -> test
     * test:   FOR_NEXT iter, x -> body              (x = the next value)
     *         UNIT
     * end:                                          break: <value>; JUMP -> end
     */
    private void compileForBinding(For f, BindPat b, int iter) {
        LoopContext ctx = pushLoop(f.label());
        fs().beginScope();
        Local x = fs().declare(b.name(), b.mutable());
        int enter = fs().emitJump(Opcodes.JUMP);
        int body = fs().here();
        compileDiscarding(f.body());
        int test = fs().here();
        fs().patchJump(enter);
        fs().position = f.span();
        int back = fs().emitJump(Opcodes.FOR_NEXT, iter, x.slot);
        fs().code.set(back, body - (back + 1));
        fs().endScope();
        popLoop(ctx, test);
        finishLoopExit(ctx, List.of());
    }

    /*
     *         <iterable>; ITER; STORE iter
     * top:    ITER_NEXT iter -> exit
     *         STORE item; <pattern tests>; MATCH_FAIL on failure
     *         [<condition>; JUMP_IF_FALSE -> next]
     *         <the next clause, or body (appends to the accumulator)>
     * next:   JUMP -> top
     * exit:
     */
    void compileClauses(List<CompClause> clauses, int i, Runnable body) {
        if (i == clauses.size()) {
            body.run();
            return;
        }
        CompClause c = clauses.get(i);
        fs().beginScope();
        cx.exprs.compileExpr(c.iterable());
        fs().position = c.span();
        fs().emit(Opcodes.ITER);
        int iter = fs().newSlot("<iter>");
        fs().emit(Opcodes.STORE, iter);
        int top = fs().here();
        int exit = emitIterNext(iter);
        int value = fs().newSlot("<item>");
        fs().emit(Opcodes.STORE, value);
        fs().beginScope();
        List<Integer> fails = new ArrayList<>();
        cx.patterns.matchPattern(c.pattern(), value, fails, false);
        cx.patterns.raiseOnFail(fails, "pattern match failed in for loop");
        if (c.condition() != null) {
            cx.exprs.compileExpr(c.condition());
            int skip = fs().emitJump(Opcodes.JUMP_IF_FALSE);
            compileClauses(clauses, i + 1, body);
            fs().patchJump(skip);
        } else {
            compileClauses(clauses, i + 1, body);
        }
        fs().endScope();
        fs().emitLoop(top);
        fs().patchJump(exit);
        fs().endScope();
    }

    private int emitIterNext(int iterSlot) {
        return fs().emitJump(Opcodes.ITER_NEXT, iterSlot);
    }

    /*
     * in the loop's async block:   TRY_END × handlers opened since the loop; POPN values above the loop's
     *                              <value> | UNIT
     *                              JUMP -> loop end
     * leaving async blocks:        <value> | UNIT
     *                              (TRY_END…; NURSERY_END) per block left, innermost first
     *                              STORE tmp; TRY_END…; POPN n; LOAD tmp
     *                              JUMP -> loop end
     */
    void compileBreak(Break b) {
        LoopContext ctx = fs().findLoop(b.label());
        if (ctx == null) {
            cx.error(b.span(), b.label() == null ? "'break' outside of a loop" : "unknown loop label '" + b.label() + "'");
            fs().adjustStack(1);
            return;
        }
        int depth = fs().stackDepth;
        if (ctx.nurseryDepth != fs().nurseryDepth) {
            fs().position = b.span();
            leaveNurseriesTo(ctx, b.value(), true);
        } else {
            leaveTo(ctx);
            if (b.value() != null) {
                int saved = fs().stackDepth;
                fs().stackDepth = ctx.stackDepth;
                cx.exprs.compileExpr(b.value());
                fs().stackDepth = saved;
            } else {
                fs().emit(Opcodes.UNIT);
            }
        }
        ctx.breakJumps.add(fs().emitJump(Opcodes.JUMP));
        fs().stackDepth = depth + 1; // unreachable continuation; keep the expression's stack shape
        if (fs().stackDepth > fs().maxStack) fs().maxStack = fs().stackDepth;
    }

    /*
     * in the loop's async block:   TRY_END…; POPN n; JUMP -> loop top
     * leaving async blocks:        UNIT; (TRY_END…; NURSERY_END)…; STORE tmp; TRY_END…; POPN n
     *                              JUMP -> loop top
     */
    void compileContinue(Continue c) {
        int depth = fs().stackDepth;
        LoopContext ctx = fs().findLoop(c.label());
        if (ctx == null) {
            cx.error(c.span(), c.label() == null ? "'continue' outside of a loop" : "unknown loop label '" + c.label() + "'");
            fs().adjustStack(1);
            return;
        }
        if (ctx.nurseryDepth != fs().nurseryDepth) {
            fs().position = c.span();
            leaveNurseriesTo(ctx, null, false);
        } else {
            leaveTo(ctx);
        }
        ctx.continueJumps.add(fs().emitJump(Opcodes.JUMP));
        fs().stackDepth = depth; // unreachable continuation; keep the expression's stack shape
        fs().adjustStack(1);
    }

    private void leaveTo(LoopContext ctx) {
        leaveTo(ctx, fs().handlerDepth);
    }

    /** Removes the handlers above the loop's (from {@code handlerDepth}) and the stack values above its depth. */
    private void leaveTo(LoopContext ctx, int handlerDepth) {
        int extra = fs().stackDepth - ctx.stackDepth;
        for (int h = handlerDepth; h > ctx.handlerDepth; h--) fs().emit(Opcodes.TRY_END);
        if (extra > 0) fs().emit(Opcodes.POPN, extra);
    }

    /**
     * Before a jump out of async blocks down to nursery depth {@code depth}: closes each one
     * left, innermost first, joining its children (with the try handlers opened inside it
     * removed first). The value on top of the stack passes through. Returns the handler
     * depth reached.
     */
    private int closeNurseries(int depth) {
        int handlers = fs().handlerDepth;
        for (int n = fs().nurseryDepth; n > depth; n--) {
            int atOpen = fs().nurseryHandlerDepths.get(n - 1);
            for (; handlers > atOpen; handlers--) fs().emit(Opcodes.TRY_END);
            fs().emit(Opcodes.NURSERY_END);
        }
        return handlers;
    }

    /** A break or continue out of async blocks: closes them, then leaves with the value on top. */
    private void leaveNurseriesTo(LoopContext ctx, Expr value, boolean keepValue) {
        if (value != null) cx.exprs.compileExpr(value);
        else fs().emit(Opcodes.UNIT);
        int handlers = closeNurseries(ctx.nurseryDepth);
        int tmp = fs().newSlot("<leaving value>");
        fs().emit(Opcodes.STORE, tmp);
        leaveTo(ctx, handlers);
        if (keepValue) fs().emit(Opcodes.LOAD, tmp);
    }

    /*
     *           TRY_BEGIN -> handler
     *           <body>
     *           TRY_END
     *           JUMP -> end
     * handler:  STORE e | STORE tmp; <pattern tests>; MATCH_FAIL on failure   (the error arrives pushed)
     *           <handler>
     * end:
     */
    void compileTry(TryCatch t) {
        int handler = fs().emitJump(Opcodes.TRY_BEGIN);
        fs().handlerDepth++;
        cx.exprs.compileExpr(t.body());
        fs().handlerDepth--;
        fs().emit(Opcodes.TRY_END);
        int end = fs().emitJump(Opcodes.JUMP);
        fs().patchJump(handler);
        // the VM arrives here with the error message pushed, at the stack depth of TRY_BEGIN
        fs().beginScope();
        if (t.binding() instanceof BindPat b) {
            Local l = fs().declare(b.name(), b.mutable());
            fs().emit(Opcodes.STORE, l.slot);
        } else {
            int tmp = fs().newSlot("<error>");
            fs().emit(Opcodes.STORE, tmp);
            if (t.binding() != null) {
                List<Integer> fails = new ArrayList<>();
                cx.patterns.matchPattern(t.binding(), tmp, fails, false);
                cx.patterns.raiseOnFail(fails, "pattern match failed in catch");
            }
        }
        cx.exprs.compileExpr(t.handler());
        fs().endScope();
        fs().patchJump(end);
    }

    /*
     *         NURSERY_BEGIN
     *         <body>
     *         NURSERY_END                           (joins the children; the body's value stays)
     */
    void compileAsync(Async a) {
        fs().emit(Opcodes.NURSERY_BEGIN);
        fs().nurseryDepth++;
        fs().nurseryHandlerDepths.add(fs().handlerDepth);
        cx.exprs.compileExpr(a.body());
        fs().nurseryHandlerDepths.remove(fs().nurseryHandlerDepths.size() - 1);
        fs().nurseryDepth--;
        fs().position = a.span();
        fs().emit(Opcodes.NURSERY_END);
    }

    /*
     *         CLOSURE arm 0 … CLOSURE arm n-1; SELECT n; STORE r      (r: (winning arm, its value))
     * arm i:  LOAD r; GET_ITEM 0; CONST i; EQ; JUMP_IF_FALSE -> arm i+1
     *         LOAD r; GET_ITEM 1; STORE won; <pattern tests on won>; MATCH_FAIL on failure
     *         <body>
     *         JUMP -> end
     * arm n:  MATCH_FAIL "non-exhaustive select"
     * end:
     */
    void compileSelect(Select s) {
        for (SelectArm arm : s.arms()) {
            Expr source = arm.source() instanceof Spawn sp ? sp.value() : arm.source();
            cx.statements.compileClosure("<select>", List.of(), source, arm.span());
        }
        fs().position = s.span();
        fs().emit(Opcodes.SELECT, s.arms().size());
        int result = fs().newSlot("<select>");
        fs().emit(Opcodes.STORE, result);
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < s.arms().size(); i++) {
            SelectArm arm = s.arms().get(i);
            fs().emit(Opcodes.LOAD, result);
            fs().emit(Opcodes.GET_ITEM, 0);
            fs().emit(Opcodes.CONST, fs().constant(IntValue.of(i)));
            fs().emit(Opcodes.EQ);
            int next = fs().emitJump(Opcodes.JUMP_IF_FALSE);
            fs().beginScope();
            int value = fs().newSlot("<won>");
            fs().emit(Opcodes.LOAD, result);
            fs().emit(Opcodes.GET_ITEM, 1);
            fs().emit(Opcodes.STORE, value);
            List<Integer> fails = new ArrayList<>();
            cx.patterns.matchPattern(arm.pattern(), value, fails, false);
            cx.patterns.raiseOnFail(fails, "pattern match failed in select arm");
            cx.exprs.compileExpr(arm.body());
            fs().endScope();
            ends.add(fs().emitJump(Opcodes.JUMP));
            fs().adjustStack(-1);
            fs().patchJump(next);
        }
        fs().emit(Opcodes.MATCH_FAIL, fs().stringConstant("non-exhaustive select"));
        fs().adjustStack(1); // it raises; the arms arrive with the select's value
        for (int e : ends) fs().patchJump(e);
    }
}
