package escape.state;

import java.net.HttpURLConnection;

/**
 * Turns off, JVM-wide, the following of HTTP redirects by {@code HttpURLConnection}: one static
 * switch that every new connection of the host reads.
 *
 * <p>Source: JDK API, {@code HttpURLConnection.setFollowRedirects},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/HttpURLConnection.html#setFollowRedirects(boolean)
 */
public final class FollowRedirects {

    private FollowRedirects() {
    }

    public static void main(String[] args) {
        try {
            HttpURLConnection.setFollowRedirects(false);
        } catch (Throwable t) {
            System.out.println("state-follow-redirects: " + t);
        }
        System.out.println("state-follow-redirects: followRedirects is now " + HttpURLConnection.getFollowRedirects());
    }
}
