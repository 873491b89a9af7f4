package io.jvisor.processor;

import io.jvisor.api.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @Saved} fields get a generated state class that saves and restores them. */
class StateGeneratorTest {

    private static final String COUNTER = "package s;\n"
            + "import io.jvisor.api.Saved;\n"
            + "public class Counter {\n"
            + "    public enum Color { RED, GREEN }\n"
            + "    @Saved boolean flag;\n"
            + "    @Saved byte b;\n"
            + "    @Saved short sh;\n"
            + "    @Saved char c;\n"
            + "    @Saved int count;\n"
            + "    @Saved long big;\n"
            + "    @Saved float f;\n"
            + "    @Saved double d;\n"
            + "    @Saved Integer boxed;\n"
            + "    @Saved Long absentBox;\n"
            + "    @Saved String name;\n"
            + "    @Saved String nothing;\n"
            + "    @Saved byte[] data;\n"
            + "    @Saved Color color;\n"
            + "    int notSaved;\n"
            + "    /** The guest's own use of the generated class, in the same compilation. */\n"
            + "    public io.jvisor.api.State state() {\n"
            + "        return Counter$State.of(this);\n"
            + "    }\n"
            + "}\n";

    @TempDir
    Path out;

    private static void set(Object instance, String field, Object value) throws ReflectiveOperationException {
        Field f = instance.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(instance, value);
    }

    private static Object get(Object instance, String field) throws ReflectiveOperationException {
        Field f = instance.getClass().getDeclaredField(field);
        f.setAccessible(true);
        return f.get(instance);
    }

    @Test
    void everySupportedTypeRoundTrips() throws Exception {
        Javac.Result result = Javac.compile(out, Map.of("s/Counter.java", COUNTER));
        assertTrue(result.success(), result.report());
        assertTrue(Files.exists(out.resolve("s/Counter$State.java")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, State.class.getClassLoader())) {
            Class<?> counter = loader.loadClass("s.Counter");
            Class<?> color = loader.loadClass("s.Counter$Color");
            Class<?> generated = loader.loadClass("s.Counter$State");
            Method save = generated.getMethod("save", counter);
            Method restore = generated.getMethod("restore", counter, Map.class);

            Object original = counter.getConstructor().newInstance();
            Map<String, Object> values = new HashMap<>();
            values.put("flag", true);
            values.put("b", (byte) -7);
            values.put("sh", (short) 300);
            values.put("c", 'ß');
            values.put("count", 42);
            values.put("big", Long.MIN_VALUE);
            values.put("f", 1.5f);
            values.put("d", -0.25);
            values.put("boxed", 9);
            values.put("name", "grüße");
            values.put("data", new byte[] {1, 2});
            values.put("color", color.getEnumConstants()[1]);
            values.put("notSaved", 5);
            for (Map.Entry<String, Object> e : values.entrySet()) {
                set(original, e.getKey(), e.getValue());
            }

            @SuppressWarnings("unchecked")
            Map<String, byte[]> saved = (Map<String, byte[]>) save.invoke(null, original);
            assertEquals(List.of("flag", "b", "sh", "c", "count", "big", "f", "d", "boxed", "name", "data", "color"),
                    List.copyOf(saved.keySet()), "null values are left out, unsaved fields are not there");
            assertArrayEquals(new byte[] {0, 0, 0, 42}, saved.get("count"));
            assertArrayEquals("GREEN".getBytes(StandardCharsets.UTF_8), saved.get("color"));
            ((byte[]) get(original, "data"))[0] = 99;
            assertArrayEquals(new byte[] {1, 2}, saved.get("data"), "saving copies an array");

            Object copy = counter.getConstructor().newInstance();
            set(copy, "absentBox", 3L);
            set(copy, "nothing", "was here");
            restore.invoke(null, copy, saved);
            values.remove("notSaved");
            values.put("data", new byte[] {1, 2});
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (e.getValue() instanceof byte[]) {
                    assertArrayEquals((byte[]) e.getValue(), (byte[]) get(copy, e.getKey()), e.getKey());
                } else {
                    assertEquals(e.getValue(), get(copy, e.getKey()), e.getKey());
                }
            }
            assertNull(get(copy, "absentBox"), "an absent key restores null");
            assertNull(get(copy, "nothing"), "an absent key restores null");
            assertEquals(0, get(copy, "notSaved"));

            State state = (State) counter.getMethod("state").invoke(original);
            assertEquals(saved.keySet(), state.save().keySet());
        }
    }

    @Test
    void restoreRefusesAMissingPrimitiveAndSetsNothing() throws Exception {
        assertTrue(Javac.compile(out, Map.of("s/Counter.java", COUNTER)).success());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, State.class.getClassLoader())) {
            Class<?> counter = loader.loadClass("s.Counter");
            Object instance = counter.getConstructor().newInstance();
            State state = (State) counter.getMethod("state").invoke(instance);
            Map<String, byte[]> saved = state.save();
            saved.put("flag", new byte[] {1});
            saved.remove("big");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.restore(saved));
            assertEquals("saved state of s.Counter has no value for big, which needs 8", e.getMessage());
            assertEquals(false, get(instance, "flag"), "no field is set when a value is missing");
            saved.put("big", new byte[] {1});
            assertEquals("saved state of s.Counter has 1 bytes for big, which needs 8",
                    assertThrows(IllegalArgumentException.class, () -> state.restore(saved)).getMessage());
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @Test
    void unsupportedFieldsAreErrorsAndNothingIsGenerated() {
        Javac.Result result = Javac.compile(out, Map.of("s/Bad.java", "package s;\n"
                + "import io.jvisor.api.Saved;\n"
                + "class Bad {\n"
                + "    @Saved private int secret;\n"
                + "    @Saved final int fixed = 1;\n"
                + "    @Saved static int shared;\n"
                + "    @Saved java.util.List<String> list;\n"
                + "    @Saved int fine;\n"
                + "}\n"));
        assertFalse(result.success());
        assertEquals(List.of(
                "s/Bad.java:4: @Saved field secret must not be private: make it package-private, so that the generated"
                        + " Bad$State can set it",
                "s/Bad.java:5: @Saved field fixed must not be final: restoring sets it",
                "s/Bad.java:6: @Saved field shared must not be static: snapshots keep the state of an instance",
                "s/Bad.java:7: @Saved field list has type java.util.List<java.lang.String>, which a snapshot cannot keep:"
                        + " use a primitive type, its box, String, byte[] or an enum type that is not private"),
                result.errors());
        assertFalse(Files.exists(out.resolve("s/Bad$State.java")));
    }

    @Test
    void aPrivateClassCannotBeReached() {
        Javac.Result result = Javac.compile(out, Map.of("s/Outer.java", "package s;\n"
                + "class Outer {\n"
                + "    private static class Hidden {\n"
                + "        @io.jvisor.api.Saved int n;\n"
                + "    }\n"
                + "}\n"));
        assertEquals(List.of("s/Outer.java:4: @Saved field n is in a private class, which the generated class cannot reach:"
                + " make it package-private"), result.errors());
    }

    @Test
    void aNestedClassGetsItsBinaryNameAndThePackageOnlyVisibility() throws Exception {
        Javac.Result result = Javac.compile(out, Map.of("s/Outer.java", "package s;\n"
                + "public class Outer {\n"
                + "    static class Inner {\n"
                + "        @io.jvisor.api.Saved int n;\n"
                + "    }\n"
                + "}\n"));
        assertTrue(result.success(), result.report());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, State.class.getClassLoader())) {
            Class<?> generated = loader.loadClass("s.Outer$Inner$State");
            assertFalse(java.lang.reflect.Modifier.isPublic(generated.getModifiers()));
        }
    }
}
