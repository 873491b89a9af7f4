package escape.files;

import java.io.File;
import java.io.FileOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

/**
 * Creates the {@code FileOutputStream} for FILE through a constructor handle from
 * {@code Lookup.findConstructor}.
 *
 * <p>Source: JDK API, {@code MethodHandles.Lookup.findConstructor},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/MethodHandles.Lookup.html#findConstructor(java.lang.Class,java.lang.invoke.MethodType)
 */
public final class MethodHandleConstructor {

    private MethodHandleConstructor() {
    }

    public static void main(String[] args) {
        try {
            MethodHandle open = MethodHandles.lookup()
                    .findConstructor(FileOutputStream.class, MethodType.methodType(void.class, File.class));
            try (FileOutputStream out = (FileOutputStream) open.invoke(new File(args[0]))) {
                out.write("escaped\n".getBytes(StandardCharsets.US_ASCII));
            }
            System.out.println("file-constructor-method-handle: wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("file-constructor-method-handle: " + t);
        }
    }
}
