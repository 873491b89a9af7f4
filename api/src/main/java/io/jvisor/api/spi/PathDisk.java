package io.jvisor.api.spi;

import io.jvisor.api.Disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@link Disk} made of {@code java.nio.file} operations on the paths that {@link #path} gives
 * for guest paths: the disk of a backend, whatever file system its paths belong to. For backends;
 * a guest never uses it.
 */
public abstract class PathDisk implements Disk {

    /** For subclasses. */
    protected PathDisk() {
    }

    /**
     * The path of a guest path, once the access is allowed.
     *
     * @param guestPath the guest path, not {@code null}
     * @param write     whether the access changes what is there
     * @return the path to operate on
     * @throws IOException if the access is refused (an {@link java.nio.file.AccessDeniedException})
     */
    protected abstract Path path(String guestPath, boolean write) throws IOException;

    private Path of(String guestPath, boolean write) throws IOException {
        return path(Objects.requireNonNull(guestPath, "path"), write);
    }

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(of(path, false));
    }

    @Override
    public void write(String path, byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        Files.write(of(path, true), data);
    }

    @Override
    public List<String> list(String directory) throws IOException {
        try (Stream<Path> entries = Files.list(of(directory, false))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code false} also where the access is refused: nothing there that the guest may see. */
    @Override
    public boolean exists(String path) {
        Path at;
        try {
            at = of(path, false);
        } catch (IOException refused) {
            return false;
        }
        return Files.exists(at);
    }

    @Override
    public boolean delete(String path) throws IOException {
        return Files.deleteIfExists(of(path, true));
    }

    @Override
    public void createDirectories(String path) throws IOException {
        Files.createDirectories(of(path, true));
    }

    @Override
    public InputStream openInput(String path) throws IOException {
        return Files.newInputStream(of(path, false));
    }

    @Override
    public OutputStream openOutput(String path, boolean append) throws IOException {
        Path at = of(path, true);
        return append ? Files.newOutputStream(at, StandardOpenOption.CREATE, StandardOpenOption.APPEND) : Files.newOutputStream(at);
    }
}
