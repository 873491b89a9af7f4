package escape.process;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Calls {@code Runtime.exec(String[])} through a method handle from {@code findVirtual}, with a
 * shell command that writes FILE.
 *
 * <p>Source: JDK API, {@code MethodHandles.Lookup.findVirtual},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandles.Lookup.html
 */
public final class ExecByHandle {

    private ExecByHandle() {
    }

    public static void main(String[] args) {
        try {
            MethodHandle exec = MethodHandles.publicLookup().findVirtual(Runtime.class, "exec",
                    MethodType.methodType(Process.class, String[].class));
            Process p = (Process) exec.invoke(Runtime.getRuntime(),
                    new String[] {"sh", "-c", "echo escaped > \"$1\"", "sh", args[0]});
            System.out.println("process-exec-method-handle: sh ended with " + p.waitFor());
        } catch (Throwable t) {
            System.out.println("process-exec-method-handle: " + t);
        }
    }
}
