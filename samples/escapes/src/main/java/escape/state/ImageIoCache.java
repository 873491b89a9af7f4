package escape.state;

import javax.imageio.ImageIO;

/**
 * Turns off the cache of {@code ImageIO}'s streams, a setting the JDK keeps once per application
 * context: every other program's image streams then change their kind (held in memory instead of
 * a temporary file, which an image larger than the heap needs).
 *
 * <p>Source: JDK API, {@code ImageIO.setUseCache},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/javax/imageio/ImageIO.html#setUseCache(boolean)
 */
public final class ImageIoCache {

    private ImageIoCache() {
    }

    public static void main(String[] args) {
        try {
            ImageIO.setUseCache(false);
            System.out.println("state-imageio-cache: ImageIO's cache is now " + ImageIO.getUseCache());
        } catch (Throwable t) {
            System.out.println("state-imageio-cache: " + t);
        }
    }
}
