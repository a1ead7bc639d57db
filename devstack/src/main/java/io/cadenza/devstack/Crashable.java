package io.cadenza.devstack;

/** A service whose process a test may kill like a crash (SIGKILL) before starting it again on the same state. */
interface Crashable {

    /** SIGKILLs the running process and waits until it is gone; does nothing when it is not running. */
    void crash();
}
