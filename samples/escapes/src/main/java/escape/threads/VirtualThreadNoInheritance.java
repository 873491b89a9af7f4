package escape.threads;

import java.util.logging.FileHandler;

/**
 * Has the JDK create FILE (a {@code FileHandler} opens it) on a virtual thread that inherits no
 * inheritable thread-locals ({@code Thread.ofVirtual().inheritInheritableThreadLocals(false)}, by
 * reflection, as this module compiles for 17): virtual threads all share one thread group.
 *
 * <p>Source: JEP 444, Virtual Threads ("inheritInheritableThreadLocals"), https://openjdk.org/jeps/444
 */
public final class VirtualThreadNoInheritance {

    private VirtualThreadNoInheritance() {
    }

    public static void main(String[] args) {
        Runnable open = () -> {
            try {
                new FileHandler(args[0]).close();
                System.out.println("thread-virtual-no-inheritance: a FileHandler created " + args[0]);
            } catch (Throwable t) {
                System.out.println("thread-virtual-no-inheritance: " + t);
            }
        };
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = builderType.getMethod("inheritInheritableThreadLocals", boolean.class).invoke(builder, false);
            Thread virtual = (Thread) builderType.getMethod("start", Runnable.class).invoke(builder, open);
            virtual.join();
        } catch (Throwable t) {
            System.out.println("thread-virtual-no-inheritance: " + t);
        }
    }
}
