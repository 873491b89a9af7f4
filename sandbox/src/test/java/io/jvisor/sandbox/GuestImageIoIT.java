package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hosted guest's registry of image readers and writers is its own. The JDK keeps one for the
 * JVM: a reader one guest registered was asked by every other guest's {@code ImageIO.read}, its
 * code run on their threads, with their images.
 */
class GuestImageIoIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Says whether a reader of the format "planted" is known, and writes and reads a PNG. */
    private static final String IMAGES = """
            package app;

            import java.awt.image.BufferedImage;
            import java.io.ByteArrayInputStream;
            import java.io.ByteArrayOutputStream;
            import java.util.Arrays;
            import javax.imageio.ImageIO;

            public final class Images {
                public static void main(String[] args) throws Exception {
                    System.out.println("planted " + Arrays.asList(ImageIO.getReaderFormatNames()).contains("planted"));
                    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
                    image.setRGB(1, 1, 0x123456);
                    ByteArrayOutputStream png = new ByteArrayOutputStream();
                    ImageIO.write(image, "png", png);
                    BufferedImage read = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
                    System.out.println("png " + read.getWidth() + "x" + read.getHeight() + " " + Integer.toHexString(read.getRGB(1, 1) & 0xffffff));
                }
            }
            """;

    /**
     * Hands ImageIO a file of its own class whose {@code close()} throws an {@code Error}, lets go
     * of the stream, and says on which thread the file was closed once unreachable.
     */
    private static final String DISPOSED = """
            package app;

            import java.io.RandomAccessFile;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            import javax.imageio.stream.FileImageInputStream;

            public final class Disposed {
                static final CountDownLatch CLOSED = new CountDownLatch(1);
                static volatile String closedOn;

                static final class Failing extends RandomAccessFile {
                    Failing(String name) throws java.io.IOException {
                        super(name, "r");
                    }

                    @Override
                    public void close() throws java.io.IOException {
                        super.close();
                        Thread t = Thread.currentThread();
                        closedOn = t.getName() + (t.getThreadGroup() == MAIN ? " of its own" : " of " + t.getThreadGroup());
                        CLOSED.countDown();
                        throw new Error("thrown by the guest's close()");
                    }
                }

                static final ThreadGroup MAIN = Thread.currentThread().getThreadGroup();

                public static void main(String[] args) throws Exception {
                    Files.writeString(Path.of("image.bin"), "not an image");
                    new FileImageInputStream(new Failing("image.bin"));
                    for (int i = 0; i < 600 && !CLOSED.await(100, TimeUnit.MILLISECONDS); i++) {
                        System.gc();
                    }
                    System.out.println("closed on " + closedOn);
                }
            }
            """;

    @TempDir
    Path dir;

    private static String run(GuestSpec.Builder spec) throws Exception {
        Guest g = Hypervisor.get().start(spec.console(Console.Mode.CAPTURE).build());
        GuestResult result = g.await(PATIENCE);
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), result + " " + g.console().capturedErr() + g.console().capturedOut());
        return g.console().capturedOut().strip();
    }

    @Test
    void aReaderOneGuestRegistersIsNeverAskedForAnother() throws Exception {
        // the escape suite's technique, which plants a reader in the registry it finds
        String planted = run(GuestSpec.builder("planter").classPath(Path.of(System.getProperty("sample.escapes")))
                .mainClass("escape.state.ImageReaderPlant").disk(dir.resolve("planter-disk")));
        assertTrue(planted.matches("state-imageio-reader: the image formats read are now .*planted.*"), planted);
        Path classes = GuestSources.compile(dir.resolve("reader"), Map.of("app.Images", IMAGES));
        assertEquals("planted false" + System.lineSeparator() + "png 3x2 123456",
                run(GuestSpec.builder("reader").classPath(classes).mainClass("app.Images").disk(dir.resolve("reader-disk"))),
                "its own registry, without the other's reader");
        assertFalse(Arrays.asList(javax.imageio.ImageIO.getReaderFormatNames()).contains("planted"), "the JVM's registry");
    }

    @Test
    void aGuestsFileThatAnImageStreamClosesOnceUnreachableIsClosedOnAThreadOfTheGuests() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("disposed"), Map.of("app.Disposed", DISPOSED));
        // Java2D's disposer, one thread for the JVM, ran it before: the Error ended that thread
        assertEquals("closed on Java2D Disposer of its own",
                run(GuestSpec.builder("disposed").classPath(classes).mainClass("app.Disposed").disk(dir.resolve("disposed-disk"))));

        // and the JVM's disposer still closes the file of a stream the host let go of
        Path file = java.nio.file.Files.writeString(dir.resolve("host.bin"), "the host's");
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> closedOn = new java.util.concurrent.atomic.AtomicReference<>();
        new javax.imageio.stream.FileImageInputStream(new java.io.RandomAccessFile(file.toFile(), "r") {
            @Override
            public void close() throws java.io.IOException {
                super.close();
                closedOn.set(Thread.currentThread());
                closed.countDown();
            }
        });
        for (int i = 0; i < 600 && !closed.await(100, java.util.concurrent.TimeUnit.MILLISECONDS); i++) {
            System.gc();
        }
        assertEquals("Java2D Disposer", closedOn.get() == null ? "not closed" : closedOn.get().getName(),
                "the host's file closed by the JVM's disposer");
        assertTrue(closedOn.get().isAlive() && closedOn.get().getThreadGroup().getParent() == null,
                closedOn.get() + ": the JVM's disposer, in its root group, alive");
    }
}
