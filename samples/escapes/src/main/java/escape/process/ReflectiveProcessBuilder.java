package escape.process;

/**
 * Builds and starts a {@code ProcessBuilder} entirely by reflection, from class and method names:
 * no process API in guest bytecode at all.
 *
 * <p>Source: JDK API, {@code ProcessBuilder.start} and {@code Method.invoke},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ProcessBuilder.html#start()
 */
public final class ReflectiveProcessBuilder {

    private ReflectiveProcessBuilder() {
    }

    public static void main(String[] args) {
        try {
            Class<?> builderClass = Class.forName("java.lang.ProcessBuilder");
            Object builder = builderClass.getConstructor(String[].class)
                    .newInstance((Object) new String[] {"sh", "-c", "echo escaped > \"$1\"", "sh", args[0]});
            Process p = (Process) builderClass.getMethod("start").invoke(builder);
            System.out.println("process-builder-reflection: sh ended with " + p.waitFor());
        } catch (Throwable t) {
            System.out.println("process-builder-reflection: " + t);
        }
    }
}
