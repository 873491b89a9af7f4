package escape.dynamic;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java source that calls {@code System.exit(0)} with the JDK's own compiler
 * ({@code javax.tools}), in the same JVM, then loads and runs the class: code that exists in no jar
 * the sandbox could scan beforehand.
 *
 * <p>Source: JDK API, {@code javax.tools.ToolProvider.getSystemJavaCompiler},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.compiler/javax/tools/ToolProvider.html
 */
public final class JavaCompilerExit {

    private JavaCompilerExit() {
    }

    public static void main(String[] args) {
        try {
            Path dir = Files.createTempDirectory("escape-javac");
            Path source = Files.writeString(dir.resolve("Compiled.java"),
                    "public class Compiled { public static void run() { System.exit(0); } }");
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, "-d", dir.toString(), source.toString());
            System.out.println("dynamic-java-compiler: javac ended with " + status + "; running Compiled.run()");
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()})) {
                loader.loadClass("Compiled").getMethod("run").invoke(null);
            }
            System.out.println("dynamic-java-compiler: run returned?!");
        } catch (Throwable t) {
            System.out.println("dynamic-java-compiler: " + t);
        }
    }
}
