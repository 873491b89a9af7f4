package escape.threads;

import java.io.FileOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

/**
 * Writes FILE, through a constructor handle, from a virtual thread (started by reflection, as this
 * module compiles for 17): virtual threads run on carrier threads of a JDK scheduler
 * ({@code ForkJoinPool}) and belong to no thread group the guest made.
 *
 * <p>Source: JEP 444, Virtual Threads, https://openjdk.org/jeps/444
 */
public final class VirtualThreadWrite {

    private VirtualThreadWrite() {
    }

    public static void main(String[] args) {
        Runnable write = () -> {
            try {
                MethodHandle open = MethodHandles.lookup().findConstructor(FileOutputStream.class,
                        MethodType.methodType(void.class, String.class));
                try (FileOutputStream out = (FileOutputStream) open.invoke(args[0])) {
                    out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
                }
                System.out.println("thread-virtual: " + Thread.currentThread() + " wrote " + args[0]);
            } catch (Throwable t) {
                System.out.println("thread-virtual: " + t);
            }
        };
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Thread virtual = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                    .invoke(builder, write);
            virtual.join();
        } catch (Throwable t) {
            System.out.println("thread-virtual: " + t);
        }
    }
}
