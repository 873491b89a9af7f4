package io.jvisor.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A guest's disk, named by guest paths: strings such as {@code /data/notes.txt}, absolute from the
 * disk's root {@code /} or relative to the guest's working directory. Under jvisor the disk is the
 * guest's own (its quota applies, and no path leads off it); in pass-through mode a guest path is
 * a path of the host's file system, relative ones to the JVM's working directory.
 *
 * <p>Obtained from {@link Hypercalls#disk()}; safe to use from any thread of its guest, and may be
 * kept for the guest's lifetime. Every method throws {@link NullPointerException} for a
 * {@code null} argument, and an {@link IOException} (such as
 * {@link java.nio.file.NoSuchFileException}) when the operation fails on the disk.
 */
public interface Disk {

    /**
     * Reads a whole file.
     *
     * @param path the file's guest path
     * @return its bytes
     * @throws IOException if it does not exist, is a directory, or cannot be read
     */
    byte[] read(String path) throws IOException;

    /**
     * Writes a whole file, creating it or replacing what it held. Its directory must exist.
     *
     * @param path the file's guest path
     * @param data the bytes it holds afterwards
     * @throws IOException if it cannot be written, or the disk's quota does not allow it
     */
    void write(String path, byte[] data) throws IOException;

    /**
     * Reads a whole file as UTF-8 text.
     *
     * @param path the file's guest path
     * @return its text
     * @throws IOException as {@link #read(String)}
     */
    default String readString(String path) throws IOException {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /**
     * Writes a whole file as UTF-8 text, as {@link #write(String, byte[])}.
     *
     * @param path the file's guest path
     * @param text the text it holds afterwards
     * @throws IOException as {@link #write(String, byte[])}
     */
    default void writeString(String path, String text) throws IOException {
        write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The names of the entries of a directory.
     *
     * @param directory the directory's guest path
     * @return the names (not paths) of its files and directories, sorted
     * @throws IOException if it does not exist or is not a directory
     */
    List<String> list(String directory) throws IOException;

    /**
     * Whether a file or directory exists.
     *
     * @param path a guest path
     * @return {@code true} if something is there
     */
    boolean exists(String path);

    /**
     * Deletes a file or an empty directory.
     *
     * @param path its guest path
     * @return {@code true} if it was deleted, {@code false} if nothing was there
     * @throws IOException if it is a directory that is not empty, or cannot be deleted
     */
    boolean delete(String path) throws IOException;

    /**
     * Creates a directory and any missing directories above it; nothing if it exists already.
     *
     * @param path the directory's guest path
     * @throws IOException if a file is in the way, or it cannot be created
     */
    void createDirectories(String path) throws IOException;

    /**
     * Opens a file for reading. The caller closes the stream.
     *
     * @param path the file's guest path
     * @return a stream of its bytes
     * @throws IOException if it does not exist, is a directory, or cannot be read
     */
    InputStream openInput(String path) throws IOException;

    /**
     * Opens a file for writing, creating it if it does not exist. The caller closes the stream.
     *
     * @param path   the file's guest path
     * @param append {@code true} to write after what it holds, {@code false} to replace it
     * @return a stream into it
     * @throws IOException if it cannot be written
     */
    OutputStream openOutput(String path, boolean append) throws IOException;
}
