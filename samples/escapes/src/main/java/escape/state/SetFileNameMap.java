package escape.state;

import java.net.URLConnection;

/**
 * Replaces the JVM's one {@code FileNameMap}, which {@code URLConnection.guessContentTypeFromName}
 * and {@code Files.probeContentType} of the host read: the guest decides which content type the
 * host's files have. (The JDK itself sets the map on whichever thread first needs it, a guest's
 * too: that, with the JDK's own map, is no escape.)
 *
 * <p>Source: JDK API, {@code URLConnection.setFileNameMap},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/URLConnection.html#setFileNameMap(java.net.FileNameMap)
 */
public final class SetFileNameMap {

    private SetFileNameMap() {
    }

    public static void main(String[] args) {
        try {
            URLConnection.setFileNameMap(name -> "application/x-guest");
        } catch (Throwable t) {
            System.out.println("state-file-name-map: " + t);
        }
        System.out.println("state-file-name-map: a.html is now " + URLConnection.guessContentTypeFromName("a.html"));
    }
}
