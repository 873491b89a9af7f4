package guest.spring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import jakarta.annotation.PreDestroy;

/**
 * Once the application is up: writes a note, reads it back, lists the notes and asks for one that
 * is not there, over HTTP to its own server, printing each answer; then ends the application with
 * the status {@code exit-status}. Prints {@code closed} as Spring closes it.
 */
@Component
class SelfTest implements ApplicationRunner {

    private final WebServerApplicationContext context;
    private final int exitStatus;

    SelfTest(WebServerApplicationContext context, @Value("${exit-status:0}") int exitStatus) {
        this.context = context;
        this.exitStatus = exitStatus;
    }

    @Override
    public void run(ApplicationArguments args) {
        RestClient client = RestClient.create("http://127.0.0.1:" + context.getWebServer().getPort());
        System.out.println(client.put().uri("/notes/greeting").body("hello from a guest").retrieve().body(String.class));
        System.out.println(client.get().uri("/notes/greeting").retrieve().body(String.class));
        System.out.println(client.get().uri("/notes").retrieve().body(String.class));
        System.out.println(client.get().uri("/notes/missing").retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> { })
                .toEntity(String.class).getStatusCode().value());
        System.exit(SpringApplication.exit(context, () -> exitStatus));
    }

    @PreDestroy
    void close() {
        System.out.println("closed");
    }
}
