package io.jvisor.processor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Direct uses of catalog members in paravirtual code fail the compilation, each at its line. */
class ParavirtualCheckTest {

    private static final String EXIT = "use Hypercalls.exit(int) instead";
    private static final String FILE_WRITE = "use Hypercalls.disk() with a guest path instead: write, writeString,"
            + " createDirectories, delete or openOutput";

    @TempDir
    Path out;

    private List<String> errors(String file, String source) {
        Javac.Result result = Javac.compile(out, Map.of(file, source));
        assertFalse(result.success(), "compiled, but should not have:\n" + result.report());
        return result.errors();
    }

    /** A class in package p, annotated @Paravirtual, whose method run() has the given body from line 6 on. */
    private static String paravirtual(String name, String body) {
        return "package p;\n"
                + "\n"
                + "@io.jvisor.api.Paravirtual\n"
                + "class " + name + " {\n"
                + "    void run() throws Exception {\n"
                + body
                + "    }\n"
                + "}\n";
    }

    @Test
    void systemExitCall() {
        assertEquals(List.of("p/Exits.java:6: direct call of System.exit(int) in paravirtual code: " + EXIT),
                errors("p/Exits.java", paravirtual("Exits", "        System.exit(1);\n")));
    }

    @Test
    void systemOutFieldRead() {
        assertEquals(List.of("p/Prints.java:7: direct read of System.out in paravirtual code:"
                        + " use Hypercalls.console().out() instead"),
                errors("p/Prints.java", paravirtual("Prints", "        String s = \"x\";\n        System.out.println(s);\n")));
    }

    @Test
    void newFileOutputStream() {
        assertEquals(List.of("p/Writes.java:6: direct call of new FileOutputStream(String, boolean) in paravirtual code: "
                        + FILE_WRITE),
                errors("p/Writes.java", paravirtual("Writes", "        new java.io.FileOutputStream(\"a\", true).close();\n")));
    }

    @Test
    void methodReferenceToSystemExit() {
        assertEquals(List.of("p/Refers.java:6: method reference to System.exit(int) in paravirtual code: " + EXIT),
                errors("p/Refers.java", paravirtual("Refers",
                        "        java.util.function.IntConsumer exit = System::exit;\n        exit.accept(2);\n")));
    }

    @Test
    void haltThroughTheRuntimeReceiver() {
        assertEquals(List.of("p/Halts.java:7: direct call of Runtime.halt(int) in paravirtual code: " + EXIT),
                errors("p/Halts.java", paravirtual("Halts", "        Runtime r = Runtime.getRuntime();\n"
                        + "        r.halt(3);\n        Runtime.getRuntime().availableProcessors();\n")));
    }

    @Test
    void staticImportsAreResolvedToTheirMembers() {
        String source = "package p;\n"
                + "import static java.lang.System.exit;\n"
                + "import static java.lang.System.out;\n"
                + "@io.jvisor.api.Paravirtual\n"
                + "class Imports {\n"
                + "    void run() {\n"
                + "        out.println();\n"
                + "        exit(0);\n"
                + "    }\n"
                + "}\n";
        assertEquals(List.of(
                "p/Imports.java:7: direct read of System.out in paravirtual code: use Hypercalls.console().out() instead",
                "p/Imports.java:8: direct call of System.exit(int) in paravirtual code: " + EXIT), errors("p/Imports.java", source));
    }

    @Test
    void overloadsAreToldApartByTheirDescriptors() {
        assertEquals(List.of(
                "p/Overloads.java:8: direct call of Integer.getInteger(String, int) in paravirtual code:"
                        + " use Hypercalls.environment().property(String) instead",
                "p/Overloads.java:9: direct call of new PrintStream(String) in paravirtual code: " + FILE_WRITE),
                errors("p/Overloads.java", paravirtual("Overloads",
                        "        new java.io.PrintStream(new java.io.ByteArrayOutputStream()).println();\n"
                                + "        new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true).flush();\n"
                                + "        Integer.getInteger(\"n\", 1);\n"
                                + "        new java.io.PrintStream(\"log\").close();\n")));
    }

    @Test
    void aCallThroughASubclassNamesTheDeclaringClass() {
        String source = "package p;\n"
                + "@io.jvisor.api.Paravirtual\n"
                + "class Sub {\n"
                + "    static final class Mine extends java.io.File {\n"
                + "        Mine() { super(\"x\"); }\n"
                + "    }\n"
                + "    boolean run() { return new Mine().exists(); }\n"
                + "}\n";
        assertEquals(List.of("p/Sub.java:7: direct call of File.exists() in paravirtual code: use Hypercalls.disk() with"
                + " a guest path instead: read, readString, list, exists or openInput"), errors("p/Sub.java", source));
    }

    @Test
    void aSuperConstructorCallOpensAFileToo() {
        String source = "package p;\n"
                + "@io.jvisor.api.Paravirtual\n"
                + "class Log extends java.io.PrintStream {\n"
                + "    Log() throws java.io.IOException {\n"
                + "        super(\"log.txt\");\n"
                + "    }\n"
                + "}\n";
        assertEquals(List.of("p/Log.java:5: direct call of new PrintStream(String) in paravirtual code: " + FILE_WRITE),
                errors("p/Log.java", source));
    }

    @Test
    void lambdasNestedAndAnonymousClassesAndInitialisersAreChecked() {
        String source = "package p;\n"
                + "@io.jvisor.api.Paravirtual\n"
                + "class Everywhere {\n"
                + "    static final String HOME = System.getProperty(\"user.home\");\n"
                + "    Runnable r = () -> System.exit(4);\n"
                + "    static class Nested {\n"
                + "        { System.getenv(\"HOME\"); }\n"
                + "    }\n"
                + "    Object anonymous = new Object() {\n"
                + "        java.io.PrintStream err = System.err;\n"
                + "    };\n"
                + "}\n";
        assertEquals(List.of(
                "p/Everywhere.java:4: direct call of System.getProperty(String) in paravirtual code:"
                        + " use Hypercalls.environment().property(String) instead",
                "p/Everywhere.java:5: direct call of System.exit(int) in paravirtual code: " + EXIT,
                "p/Everywhere.java:7: direct call of System.getenv(String) in paravirtual code:"
                        + " use Hypercalls.environment().getenv(String) instead",
                "p/Everywhere.java:10: direct read of System.err in paravirtual code: use Hypercalls.console().err() instead"),
                errors("p/Everywhere.java", source));
    }

    @Test
    void anAnonymousSubclassOfACatalogClassIsACallOfItsConstructor() {
        assertEquals(List.of("p/Anonymous.java:6: direct call of new FileOutputStream(String) in paravirtual code: " + FILE_WRITE),
                errors("p/Anonymous.java", paravirtual("Anonymous",
                        "        new java.io.FileOutputStream(\"a\") { }.close();\n")));
    }

    @Test
    void onlyTheNestedClassThatIsParavirtualIsChecked() {
        String source = "package p;\n"
                + "class Host {\n"
                + "    void run() { System.exit(0); }\n"
                + "    @io.jvisor.api.Paravirtual\n"
                + "    static class Part {\n"
                + "        void run() { System.exit(7); }\n"
                + "    }\n"
                + "}\n";
        assertEquals(List.of("p/Host.java:6: direct call of System.exit(int) in paravirtual code: " + EXIT),
                errors("p/Host.java", source));
    }

    @Test
    void aPackageAnnotatedParavirtualIsChecked() {
        Javac.Result result = Javac.compile(out, Map.of(
                "q/package-info.java", "@io.jvisor.api.Paravirtual\npackage q;\n",
                "q/Plain.java", "package q;\nclass Plain {\n    void run() { System.exit(5); }\n}\n"));
        assertFalse(result.success());
        assertEquals(List.of("q/Plain.java:3: direct call of System.exit(int) in paravirtual code: " + EXIT), result.errors());
    }

    @Test
    void aParavirtualGuestMakesTheWholeCompilationParavirtual() {
        Javac.Result result = Javac.compile(out, Map.of(
                "g/Main.java", "package g;\n@io.jvisor.api.Guest(mode = io.jvisor.api.Guest.Mode.PARAVIRTUAL)\n"
                        + "public class Main {\n    public static void main(String[] args) { Helper.run(); }\n}\n",
                "g/Helper.java", "package g;\nclass Helper {\n    static void run() {\n        Runtime.getRuntime().exit(6);\n    }\n}\n"));
        assertFalse(result.success());
        assertEquals(List.of("g/Helper.java:4: direct call of Runtime.exit(int) in paravirtual code: " + EXIT), result.errors());
    }

    @Test
    void codeThatIsNotParavirtualMayCallTheJdk() {
        Javac.Result result = Javac.compile(out, Map.of(
                "f/Main.java", "package f;\n@io.jvisor.api.Guest\n"
                        + "public class Main {\n    public static void main(String[] args) {\n        System.out.println(args.length);\n"
                        + "        System.exit(0);\n    }\n}\n"));
        assertTrue(result.success(), result.report());
    }

    @Test
    void aGoodParavirtualGuestUsingHypercallsCompiles() {
        String source = "package kv;\n"
                + "import io.jvisor.api.*;\n"
                + "@Guest(name = \"kv\", mode = Guest.Mode.PARAVIRTUAL, preset = \"isolated\")\n"
                + "public final class Store {\n"
                + "    public static void main(String[] args) throws java.io.IOException {\n"
                + "        Console console = Hypercalls.console();\n"
                + "        Disk disk = Hypercalls.disk();\n"
                + "        disk.writeString(\"/kv/\" + args[0], args[1]);\n"
                + "        console.out().println(disk.readString(\"/kv/\" + args[0]));\n"
                + "        java.io.PrintStream copy = new java.io.PrintStream(new java.io.ByteArrayOutputStream());\n"
                + "        copy.println(Hypercalls.environment().property(\"user.home\") + Hypercalls.clock().nanoTime());\n"
                + "        java.util.function.IntConsumer exit = Hypercalls::exit;\n"
                + "        exit.accept(Runtime.getRuntime().availableProcessors() > 0 ? 0 : 1);\n"
                + "    }\n"
                + "}\n";
        Javac.Result result = Javac.compile(out, Map.of("kv/Store.java", source));
        assertTrue(result.success(), result.report());
        assertTrue(result.diagnostics().isEmpty(), result.report());
    }
}
