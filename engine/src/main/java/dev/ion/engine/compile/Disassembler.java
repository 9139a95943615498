package dev.ion.engine.compile;

import java.util.ArrayDeque;

/**
 * Renders a {@link Proto} and its nested functions as a readable listing ({@code ion disasm}),
 * from the {@link Opcodes} table: each operand is printed as a number, then the row's note
 * with each operand rendered by its {@link OperandKind}.
 */
public final class Disassembler {
    private static final String[] COMPARISONS = {"<", "<=", ">", ">="};
    private static final String[] WRAPPERS = {"Some", "Ok", "Err"};

    private Disassembler() {
    }

    public static String disassemble(Proto root) {
        StringBuilder out = new StringBuilder();
        ArrayDeque<Proto> work = new ArrayDeque<>();
        work.add(root);
        while (!work.isEmpty()) {
            Proto p = work.poll();
            listing(p, out);
            for (Proto nested : p.protos) work.add(nested);
        }
        return out.toString();
    }

    private static void listing(Proto p, StringBuilder out) {
        out.append("== ").append(p.name).append(" (params ").append(p.params.names.length)
                .append(", locals ").append(p.maxLocals).append(", stack ").append(p.maxStack);
        if (p.captureNames.length > 0) out.append(", captures ").append(String.join(", ", p.captureNames));
        out.append(") ==\n");
        int[] code = p.code;
        int pc = 0;
        int lastLine = -1;
        while (pc < code.length) {
            int op = code[pc];
            int line = p.line(pc);
            out.append(String.format("%04d %4s  %-15s", pc, line == lastLine ? "|" : Integer.toString(line),
                    Opcodes.name(op)));
            lastLine = line;
            if (!Opcodes.exists(op)) {
                out.append('\n');
                pc++;
                continue;
            }
            OpInfo info = Opcodes.info(op);
            int n = info.operandCount();
            for (int i = 1; i <= n && pc + i < code.length; i++) out.append(' ').append(code[pc + i]);
            if (info.note() != null && pc + n < code.length) {
                String note = note(p, info, code, pc);
                if (note != null) out.append("    ; ").append(note);
            }
            out.append('\n');
            pc += 1 + n;
        }
    }

    /** The row's note with each {@code {i}} replaced by operand i rendered; null when one cannot be. */
    private static String note(Proto p, OpInfo info, int[] code, int pc) {
        String note = info.note();
        int next = pc + 1 + info.operandCount();
        for (int i = 0; i < info.operandCount(); i++) {
            String placeholder = "{" + i + "}";
            if (!note.contains(placeholder)) continue;
            String rendered = render(p, info.operands().get(i), code[pc + 1 + i], next);
            if (rendered == null) return null;
            note = note.replace(placeholder, rendered);
        }
        return note;
    }

    private static String render(Proto p, OperandKind kind, int operand, int next) {
        return switch (kind) {
            case CONSTANT -> operand >= 0 && operand < p.constants.length ? p.constants[operand].repr() : null;
            case SLOT -> operand >= 0 && operand < p.localNames.length ? p.localNames[operand] : null;
            case CAPTURE -> operand >= 0 && operand < p.captureNames.length ? p.captureNames[operand] : null;
            case PROTO -> operand >= 0 && operand < p.protos.length ? p.protos[operand].name : null;
            case OFFSET -> Integer.toString(next + operand);
            case COMPARISON -> operand >= 0 && operand < COMPARISONS.length ? COMPARISONS[operand] : null;
            case WRAPPER -> operand >= 0 && operand < WRAPPERS.length ? WRAPPERS[operand] : null;
            case GLOBAL, COUNT, INT, ITEM, FLAGS -> Integer.toString(operand);
        };
    }
}
