package io.jvisor.processor;

import io.jvisor.api.Guest;

import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compiles fixture sources, given as strings, with the system Java compiler against jvisor-api alone
 * and jvisor's processor, into a directory.
 */
final class Javac {

    private Javac() {
    }

    /** What a compilation did: whether it succeeded, its diagnostics, and where its classes are. */
    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes) {

        /** The errors, each as {@code FILE:LINE: MESSAGE}, the file relative to the source root. */
        List<String> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> (d.getSource() == null ? "" : d.getSource().getName().substring(1)) + ":" + d.getLineNumber()
                            + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.toList());
        }

        /** Every diagnostic, as javac prints it, for assertion messages. */
        String report() {
            return diagnostics.stream().map(d -> d.getKind() + " " + d).collect(Collectors.joining("\n"));
        }
    }

    /** The location of the class files or jar that hold a class. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles with an instance of the processor. */
    static Result compile(Path out, Map<String, String> sources, String... options) {
        return compile(out, sources, new JvisorProcessor(), List.of(options));
    }

    /**
     * Compiles the sources (file name relative to the source root, e.g. {@code p/Main.java}, to its
     * text) into {@code out}, in the order of their names.
     *
     * @param processor the processor javac runs, or {@code null} for those the options make it find
     */
    static Result compile(Path out, Map<String, String> sources, Processor processor, List<String> options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(out);
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(locationOf(Guest.class)));
            List<JavaFileObject> units = new ArrayList<>();
            new TreeMap<>(sources).forEach((name, text) -> units.add(new Source(name, text)));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null, units);
            if (processor != null) {
                task.setProcessors(List.of(processor));
            }
            boolean success = task.call();
            return new Result(success, diagnostics.getDiagnostics(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source file held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String name, String text) {
            super(URI.create("mem:///" + name), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
