package guest.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Notes, one file each, in the directory {@code notes.dir} names ({@code notes} by default). */
@RestController
class NotesController {

    private final Path dir;

    NotesController(@Value("${notes.dir:notes}") String dir) throws IOException {
        this.dir = Files.createDirectories(Path.of(dir));
    }

    @PutMapping("/notes/{name}")
    Note write(@PathVariable String name, @RequestBody String text) throws IOException {
        Files.writeString(file(name), text);
        return new Note(name, text);
    }

    @GetMapping("/notes/{name}")
    Note read(@PathVariable String name) throws IOException {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no note " + name);
        }
        return new Note(name, Files.readString(file));
    }

    @GetMapping("/notes")
    List<String> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private Path file(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a note's name: " + name);
        }
        return dir.resolve(name + ".txt");
    }

    /** A note as the service answers it (JSON, by Jackson). */
    record Note(String name, String text) {
    }
}
