package example.guest;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

/** A guest that uses files through java.io and java.nio.file. */
public final class Files {

    private Files() {
    }

    /** Writes with the constructors of java.io, reads back with a nested constructor call. */
    public static String writeAndRead(String name, String text) throws IOException {
        try (FileOutputStream out = new FileOutputStream(name, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        try (PrintWriter w = new PrintWriter(new File(name + ".2"), "UTF-8")) {
            w.print(text);
        }
        try (InputStream in = new FileInputStream(new File(name.isEmpty() ? "x" : name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A constructor call whose argument has a branch: its stack map frame holds the uninitialised object. */
    public static long lengthOf(String name, boolean twice) throws IOException {
        try (FileInputStream in = new FileInputStream(twice ? name : name.trim())) {
            return in.getChannel().size();
        }
    }

    /** A constructor reference: a method handle to the constructor. */
    public static Function<String, FileInputStream> opener() {
        return name -> {
            try {
                return new FileInputStream(name);
            } catch (FileNotFoundException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** A constructor used as a method reference. */
    public static Function<File, PrintWriter> writerFactory() {
        return Files::printWriter;
    }

    private static PrintWriter printWriter(File f) {
        try {
            return new PrintWriter(f);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean exists(String name) {
        return new File(name).exists();
    }

    public static Path pathOf(String name) {
        return Path.of(name);
    }

    /** Calls one of its own private methods by reflection, without setAccessible: only its own class may. */
    public static String reflectOnItself() throws ReflectiveOperationException {
        return (String) Files.class.getDeclaredMethod("secret").invoke(null);
    }

    private static String secret() {
        return "reached by reflection";
    }

    /** Reads a file through a guest's subclass of FileInputStream, opened by name and by File, as JGit's SilentFileInputStream. */
    public static String readBySubclass(String name) throws IOException {
        try (InputStream named = new Reader(name); InputStream file = new Reader(new File(name))) {
            return new String(named.readAllBytes(), StandardCharsets.UTF_8) + new String(file.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final class Reader extends FileInputStream {
        Reader(String name) throws FileNotFoundException {
            super(name);
        }

        Reader(File file) throws FileNotFoundException {
            super(file);
        }
    }

    /**
     * Writes a file through a guest's subclasses of FileOutputStream and RandomAccessFile, opened
     * through their superclass constructors (Apache Derby's file of a database is such a subclass).
     */
    public static void writeBySubclasses(String name) throws IOException {
        try (OutputStream out = new Writer(name)) {
            out.write("ab".getBytes(StandardCharsets.UTF_8));
        }
        try (RandomAccess file = new RandomAccess(new File(name), "rw")) {
            file.seek(2);
            file.write('c');
        }
    }

    private static final class Writer extends FileOutputStream {
        Writer(String name) throws FileNotFoundException {
            super(name);
        }
    }

    private static final class RandomAccess extends java.io.RandomAccessFile {
        RandomAccess(File file, String mode) throws FileNotFoundException {
            super(file, mode);
        }
    }

    /**
     * Writes a file through guest subclasses of FileWriter, PrintStream and PrintWriter, their
     * superclass constructors taking the file's name or {@code File} with a charset, its name,
     * whether to append, or nothing more, and reads it back through a subclass of FileReader.
     */
    public static String writeAndReadByTextSubclasses(String name) throws IOException {
        try (java.io.Writer w = new TextWriter(name)) {
            w.write("a");
        }
        try (java.io.Writer w = new TextWriter(new File(name), StandardCharsets.UTF_8, true)) {
            w.write("b");
        }
        try (java.io.PrintStream p = new Printing(name + ".2", "UTF-8")) {
            p.print("c");
        }
        try (PrintWriter p = new PrintingWriter(new File(name + ".3"), StandardCharsets.UTF_8)) {
            p.print("d");
        }
        StringBuilder read = new StringBuilder();
        for (String file : new String[] {name, name + ".2", name + ".3"}) {
            try (java.io.Reader r = new TextReader(new File(file), StandardCharsets.UTF_8)) {
                read.append((char) r.read()).append(file.equals(name) ? (char) r.read() : "");
            }
        }
        return read.toString();
    }

    private static final class TextWriter extends java.io.FileWriter {
        TextWriter(String name) throws IOException {
            super(name);
        }

        TextWriter(File file, java.nio.charset.Charset charset, boolean append) throws IOException {
            super(file, charset, append);
        }
    }

    private static final class Printing extends java.io.PrintStream {
        Printing(String name, String csn) throws IOException {
            super(name, csn);
        }
    }

    private static final class PrintingWriter extends PrintWriter {
        PrintingWriter(File file, java.nio.charset.Charset charset) throws IOException {
            super(file, charset);
        }
    }

    private static final class TextReader extends java.io.FileReader {
        TextReader(File file, java.nio.charset.Charset charset) throws IOException {
            super(file, charset);
        }
    }

    /** A guest's subclass of FileOutputStream on a descriptor, which no trap decides for a subclass. */
    public static OutputStream descriptorSubclass() {
        return new Descriptor();
    }

    private static final class Descriptor extends FileOutputStream {
        Descriptor() {
            super(java.io.FileDescriptor.out);
        }
    }
}
