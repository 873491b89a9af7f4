package guest.tomcat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat as applications run it: in the directory its argument names ({@code work}
 * by default) it writes a greeting, starts Tomcat on a free loopback port with its base directory
 * there and one servlet that answers with the greeting and a request parameter, asks it three
 * times over HTTP, prints each status and answer, and stops Tomcat. Tomcat registers its MBeans in
 * the platform MBean server as it starts.
 */
public final class TomcatDriver {

    private static final int REQUESTS = 3;

    private TomcatDriver() {
    }

    /** Answers with the greeting and the parameter {@code n}. */
    private static final class Greeting extends HttpServlet {

        private static final long serialVersionUID = 1L;

        private final transient Path file;

        Greeting(Path file) {
            this.file = file;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().print(Files.readString(file) + " " + request.getParameter("n"));
        }
    }

    public static void main(String[] args) throws IOException, LifecycleException {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "work"));
        Path greeting = Files.writeString(work.resolve("greeting.txt"), "hello from the disk");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(work.resolve("tomcat")).toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "greeting", new Greeting(greeting));
        context.addServletMappingDecoded("/greeting", "greeting");
        tomcat.start();
        try {
            int port = tomcat.getConnector().getLocalPort();
            for (int i = 0; i < REQUESTS; i++) {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/greeting?n=" + i).toURL()
                        .openConnection();
                try (InputStream in = c.getInputStream()) {
                    System.out.println(c.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
        System.out.println("stopped");
    }
}
