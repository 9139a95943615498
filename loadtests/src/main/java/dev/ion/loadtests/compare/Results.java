package dev.ion.loadtests.compare;

/** Turns the float results of Lua 5.2 and JavaScript programs into the integers they stand for. */
final class Results {
    private Results() {
    }

    static long integral(double value) {
        long l = (long) value;
        if (l != value || Math.abs(value) > 0x1p53) {
            throw new IllegalStateException("result " + value + " is not an exact integer");
        }
        return l;
    }
}
