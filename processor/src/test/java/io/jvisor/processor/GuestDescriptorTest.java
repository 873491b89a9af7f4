package io.jvisor.processor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code @Guest} is checked, and a good one becomes META-INF/jvisor/guest.properties. */
class GuestDescriptorTest {

    @TempDir
    Path out;

    /** A guest class g.Main with the given {@code @Guest} elements on line 2 and a main method. */
    private static Map<String, String> guest(String elements) {
        return Map.of("g/Main.java", "package g;\n"
                + "@io.jvisor.api.Guest(" + elements + ")\n"
                + "public class Main {\n"
                + "    public static void main(String[] args) {\n"
                + "    }\n"
                + "}\n");
    }

    private Path descriptor() {
        return out.resolve("META-INF/jvisor/guest.properties");
    }

    private List<String> errors(Map<String, String> sources, String... options) {
        Javac.Result result = Javac.compile(out, sources, options);
        assertFalse(result.success(), "compiled, but should not have:\n" + result.report());
        assertFalse(Files.exists(descriptor()), "a descriptor was written for a bad @Guest");
        return result.errors();
    }

    @Test
    void everyValueIsWrittenInTheDocumentedOrderAndUnits() throws IOException {
        Javac.Result result = Javac.compile(out, guest("name = \"kv-1\", mode = io.jvisor.api.Guest.Mode.PARAVIRTUAL,"
                + " preset = \"untrusted\", cpuTime = \"2s\", allocated = \"1G\", liveHeap = \"32M\", threads = 4,"
                + " openFiles = 16, diskBytes = \"64M\", output = \"1k\""));
        assertTrue(result.success(), result.report());
        assertEquals("# The jvisor guest descriptor, written by jvisor-processor from @Guest\n"
                + "name=kv-1\n"
                + "main=g.Main\n"
                + "mode=paravirtual\n"
                + "preset=untrusted\n"
                + "quota.cpuTimeMillis=2000\n"
                + "quota.allocatedBytes=1073741824\n"
                + "quota.liveHeapBytes=33554432\n"
                + "quota.threads=4\n"
                + "quota.openFiles=16\n"
                + "quota.diskBytes=67108864\n"
                + "quota.outputBytes=1024\n", Files.readString(descriptor(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void defaultsAreLeftOut() throws IOException {
        Javac.Result result = Javac.compile(out, guest(""));
        assertTrue(result.success(), result.report());
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(descriptor())) {
            p.load(in);
        }
        assertEquals(Map.of("main", "g.Main", "mode", "full"), p);
    }

    @Test
    void aNestedMainClassIsNamedByItsBinaryName() throws IOException {
        Javac.Result result = Javac.compile(out, Map.of("g/Outer.java", "package g;\npublic class Outer {\n"
                + "    @io.jvisor.api.Guest(mode = io.jvisor.api.Guest.Mode.CONTAINER)\n"
                + "    public static class App {\n        public static void main(String[] args) { }\n    }\n}\n"));
        assertTrue(result.success(), result.report());
        assertTrue(Files.readString(descriptor()).contains("\nmain=g.Outer$App\nmode=container\n"));
    }

    @Test
    void anInheritedMainIsUsable() {
        Javac.Result result = Javac.compile(out, Map.of(
                "g/Base.java", "package g;\npublic class Base {\n    public static void main(String[] args) { }\n}\n",
                "g/Main.java", "package g;\n@io.jvisor.api.Guest\npublic class Main extends Base {\n}\n"));
        assertTrue(result.success(), result.report());
    }

    @Test
    void unknownPreset() {
        assertEquals(List.of("g/Main.java:2: unknown preset \"lax\": use one of trusted, constrained, isolated, untrusted"),
                errors(guest("preset = \"lax\"")));
    }

    @Test
    void badQuotaStrings() {
        assertEquals(List.of(
                "g/Main.java:2: cpuTime '2 sec' is not a time (such as 500ms, 2s or 1m)",
                "g/Main.java:2: liveHeap 'lots' is not a size (such as 500k, 10M or 1G)",
                "g/Main.java:2: threads must be at least 1, or 0 for no quota",
                "g/Main.java:2: openFiles must be at least 1, or 0 for no quota",
                "g/Main.java:2: diskBytes '64T' is not a size (such as 500k, 10M or 1G)"),
                errors(guest("cpuTime = \"2 sec\", liveHeap = \"lots\", threads = -1, openFiles = -2, diskBytes = \"64T\"")));
    }

    @Test
    void cpuTimeIsWholeMilliseconds() {
        assertEquals(List.of("g/Main.java:2: cpuTime '1500us' is not a whole number of milliseconds"),
                errors(guest("cpuTime = \"1500us\"")));
    }

    @Test
    void badName() {
        assertEquals(List.of("g/Main.java:2: guest name \"my guest\" must be 1 to 64 letters, digits, '.', '_' or '-', the first not a dot"),
                errors(guest("name = \"my guest\"")));
        assertEquals(List.of("g/Main.java:2: guest name \"..\" must be 1 to 64 letters, digits, '.', '_' or '-', the first not a dot"),
                errors(guest("name = \"..\"")));
    }

    @Test
    void noMainMethod() {
        assertEquals(List.of("g/Lib.java:3: @Guest class Lib has no main method the java launcher can start:"
                        + " declare public static void main(String[])"),
                errors(Map.of("g/Lib.java", "package g;\n\n@io.jvisor.api.Guest\npublic class Lib {\n"
                        + "    private static void main(String[] args) { }\n    public static int main(String arg) { return 0; }\n}\n")));
    }

    @Test
    void anInstanceMainNeedsJava25Source() {
        assertEquals(List.of("g/Lib.java:2: @Guest class Lib has no main method the java launcher can start:"
                        + " declare public static void main(String[])"),
                errors(Map.of("g/Lib.java", "package g;\n@io.jvisor.api.Guest\npublic class Lib {\n    void main() { }\n}\n"),
                        "--release", "17"));
    }

    @Test
    void anInstanceMainIsUsableFromJava25Source() {
        assumeTrue(Runtime.version().feature() >= 25, "needs a JDK 25 javac");
        Javac.Result result = Javac.compile(out, Map.of("g/App.java",
                "package g;\n@io.jvisor.api.Guest\npublic class App {\n    void main() { }\n}\n"));
        assertTrue(result.success(), result.report());
    }

    @Test
    void aNonStaticInnerClassIsNoMainClass() {
        assertEquals(List.of("g/Outer.java:3: @Guest belongs on the guest's main class, a top-level or static nested class"),
                errors(Map.of("g/Outer.java", "package g;\npublic class Outer {\n    @io.jvisor.api.Guest\n"
                        + "    public class Inner {\n    }\n}\n")));
    }

    @Test
    void oneGuestPerCompilation() {
        Javac.Result result = Javac.compile(out, Map.of(
                "g/A.java", "package g;\n@io.jvisor.api.Guest\npublic class A {\n    public static void main(String[] a) { }\n}\n",
                "g/B.java", "package g;\n@io.jvisor.api.Guest\npublic class B {\n    public static void main(String[] a) { }\n}\n"));
        assertFalse(result.success());
        assertEquals(List.of("g/B.java:2: a compilation has one @Guest, and g.A has it already"), result.errors());
    }
}
