package escape.process;

import java.util.List;

/**
 * Starts {@code echo escaped | tee FILE} with {@code ProcessBuilder.startPipeline}: several
 * processes started by one JDK call, which starts each with code of its own.
 *
 * <p>Source: JDK API, {@code ProcessBuilder.startPipeline},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ProcessBuilder.html#startPipeline(java.util.List)
 */
public final class StartPipeline {

    private StartPipeline() {
    }

    public static void main(String[] args) {
        try {
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder("echo", "escaped"), new ProcessBuilder("tee", args[0])));
            System.out.println("process-start-pipeline: tee ended with " + pipeline.get(1).waitFor());
        } catch (Throwable t) {
            System.out.println("process-start-pipeline: " + t);
        }
    }
}
