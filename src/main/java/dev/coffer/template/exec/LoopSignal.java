package dev.coffer.template.exec;

/** {{break}} and {{continue}} unwind to the enclosing range; shared instances, no stack trace. */
final class LoopSignal extends RuntimeException {
    static final LoopSignal BREAK = new LoopSignal();
    static final LoopSignal CONTINUE = new LoopSignal();

    private LoopSignal() {
        super(null, null, false, false);
    }
}
