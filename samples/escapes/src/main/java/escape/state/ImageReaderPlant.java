package escape.state;

import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Registers an image reader in the JVM's registry of image readers and writers: every later
 * {@code ImageIO.read} of the host (and of every other program in the JVM) asks it whether it
 * reads the image, running its code on their threads, with their images.
 *
 * <p>Source: JDK API, {@code IIORegistry.registerServiceProvider},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/javax/imageio/spi/ServiceRegistry.html#registerServiceProvider(java.lang.Object)
 */
public final class ImageReaderPlant {

    private ImageReaderPlant() {
    }

    public static void main(String[] args) {
        try {
            IIORegistry.getDefaultInstance().registerServiceProvider(new ImageReaderSpi("planted", "1",
                    new String[] {"planted"}, new String[] {"planted"}, new String[] {"image/planted"}, "Reader",
                    new Class<?>[] {ImageInputStream.class}, null, false, null, null, null, null, false, null, null, null,
                    null) {
                @Override
                public boolean canDecodeInput(Object source) {
                    return false;
                }

                @Override
                public ImageReader createReaderInstance(Object extension) {
                    return null;
                }

                @Override
                public String getDescription(Locale locale) {
                    return "planted";
                }
            });
        } catch (Throwable t) {
            System.out.println("state-imageio-reader: " + t);
        }
        System.out.println("state-imageio-reader: the image formats read are now " + String.join(",", ImageIO.getReaderFormatNames()));
    }
}
