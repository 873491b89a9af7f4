package escape.info;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records the JVM with its flight recorder and reads the recording back: the JVM's options and
 * the command line it was started with, and a dump of every thread of the JVM, as events of the
 * JDK's default configuration.
 *
 * <p>Source: JDK API, {@code jdk.jfr.Recording}, which needed {@code FlightRecorderPermission("accessFlightRecorder")}
 * under the SecurityManager, https://docs.oracle.com/en/java/javase/17/docs/api/jdk.jfr/jdk/jfr/Recording.html;
 * the events {@code jdk.JVMInformation} and {@code jdk.ThreadDump}, https://sap.github.io/SapMachine/jfrevents/17.html
 */
public final class FlightRecording {

    private FlightRecording() {
    }

    public static void main(String[] args) {
        try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.start();
            recording.stop();
            Path file = Files.createTempFile("recording", ".jfr");
            recording.dump(file);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                String type = e.getEventType().getName();
                if (type.equals("jdk.JVMInformation")) {
                    System.out.println("info-flight-recorder: " + e.getString("jvmArguments") + " " + e.getString("javaArguments"));
                } else if (type.equals("jdk.ThreadDump")) {
                    System.out.println("info-flight-recorder: " + e.getString("result"));
                }
            }
        } catch (Throwable t) {
            System.out.println("info-flight-recorder: " + t);
        }
    }
}
