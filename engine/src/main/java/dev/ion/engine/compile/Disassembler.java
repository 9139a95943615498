package dev.ion.engine.compile;

import dev.ion.engine.Value;

/** Renders a {@link Proto} and its nested functions as a readable listing ({@code ion disasm}). */
public final class Disassembler {
    private static final String[] COMPARISONS = {"<", "<=", ">", ">="};

    private Disassembler() {
    }

    public static String disassemble(Proto root) {
        StringBuilder out = new StringBuilder();
        java.util.ArrayDeque<Proto> work = new java.util.ArrayDeque<>();
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
            int n = Opcodes.operandCount(op);
            for (int i = 1; i <= n && pc + i < code.length; i++) out.append(' ').append(code[pc + i]);
            if (op == Opcodes.JUMP_UNLESS) {
                out.append("    ; ").append(COMPARISONS[code[pc + 1]]).append(" else -> ")
                        .append(pc + 3 + code[pc + 2]);
            } else if (op == Opcodes.JUMP_UNLESS_LOCAL) {
                out.append("    ; ").append(p.localNames[code[pc + 2]]).append(' ').append(COMPARISONS[code[pc + 1]])
                        .append(' ').append(code[pc + 3]).append(" else -> ").append(pc + 5 + code[pc + 4]);
            } else if (op == Opcodes.LOAD_ADD_CONST || op == Opcodes.LOAD_SUB_CONST) {
                out.append("    ; ").append(p.localNames[code[pc + 1]]).append(op == Opcodes.LOAD_ADD_CONST ? " + " : " - ")
                        .append(code[pc + 2]);
            } else if (op == Opcodes.ADD_INT) {
                out.append("    ; ").append(p.localNames[code[pc + 1]]).append(" += ").append(code[pc + 2]);
            } else if (op == Opcodes.CONST || op == Opcodes.FIELD || op == Opcodes.CALL_METHOD || op == Opcodes.UNDEFINED
                    || op == Opcodes.MATCH_FAIL || op == Opcodes.TYPE_CHECK || op == Opcodes.CALL_METHOD_EX) {
                Value c = p.constants[code[pc + 1]];
                out.append("    ; ").append(c.repr());
            } else if (op == Opcodes.LOAD || op == Opcodes.STORE || op == Opcodes.RETURN_LOCAL) {
                int slot = code[pc + 1];
                if (slot < p.localNames.length) out.append("    ; ").append(p.localNames[slot]);
            } else if (op == Opcodes.JUMP || op == Opcodes.JUMP_IF_FALSE || op == Opcodes.JUMP_IF_TRUE
                    || op == Opcodes.TRY_BEGIN || op == Opcodes.QUESTION_JUMP) {
                out.append("    ; -> ").append(pc + 2 + code[pc + 1]);
            } else if (op == Opcodes.CLOSURE) {
                out.append("    ; ").append(p.protos[code[pc + 1]].name);
            }
            out.append('\n');
            pc += 1 + n;
        }
    }
}
