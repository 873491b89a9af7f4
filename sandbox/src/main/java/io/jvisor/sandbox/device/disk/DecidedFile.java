package io.jvisor.sandbox.device.disk;

import java.io.File;

/**
 * The host file of a guest path that a trap made after the guest's policy and its disk allowed
 * the access: the JDK's file guards, which the trap's own call of the JDK passes, let it through
 * without deciding again. Only the disk makes one, and none reaches guest code; a serialised copy
 * comes back as a plain {@code File}, so a forged stream cannot make one either.
 */
public final class DecidedFile extends File {

    private static final long serialVersionUID = 1L;

    private final transient boolean write;

    DecidedFile(String parent, String child, boolean write) {
        super(parent, child);
        this.write = write;
    }

    /** Whether the access that was allowed covers this one: a read, or a write where a write was allowed. */
    public boolean allows(boolean write) {
        return !write || this.write;
    }

    private Object writeReplace() {
        return new File(getPath());
    }

    private Object readResolve() {
        return new File(getPath());
    }
}
