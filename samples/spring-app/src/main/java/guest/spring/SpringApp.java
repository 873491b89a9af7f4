package guest.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application as Spring Boot's guides write one: a REST service of notes kept in
 * files ({@link NotesController}) on an embedded Tomcat. Once it is up, {@link SelfTest} calls it
 * over HTTP, prints what it answered, and ends the application with the status given by
 * {@code --exit-status} (0 by default), as {@code SpringApplication.exit} and {@code System.exit}
 * end one.
 */
@SpringBootApplication
public class SpringApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringApp.class, args);
    }
}
