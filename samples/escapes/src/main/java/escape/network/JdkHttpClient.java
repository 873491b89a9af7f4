package escape.network;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a request to {@code http://HOST:PORT/} with {@code java.net.http.HttpClient}, whose
 * connection is opened by its own selector-manager thread, a thread the JDK starts.
 *
 * <p>Source: JEP 321, HTTP Client, https://openjdk.org/jeps/321
 */
public final class JdkHttpClient {

    private JdkHttpClient() {
    }

    public static void main(String[] args) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://" + args[0] + "/escaped"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("net-http-client: the listener answered " + response.statusCode());
        } catch (Throwable t) {
            System.out.println("net-http-client: " + t);
        }
    }
}
