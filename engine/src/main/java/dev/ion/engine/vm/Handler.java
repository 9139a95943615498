package dev.ion.engine.vm;

/** An active {@code try}: where to resume, and the frame and stack height to restore. */
final class Handler {
    final int frameIndex;
    final int pc;
    final int sp;

    Handler(int frameIndex, int pc, int sp) {
        this.frameIndex = frameIndex;
        this.pc = pc;
        this.sp = sp;
    }
}
