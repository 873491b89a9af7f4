package io.jvisor.agent.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** What the transformer of the guards kept at the build answers for each class file it is given. */
class WovenGuardsTest {

    private static final String NAME = "guarded/Kind";
    private static final byte[] ORIGINAL = {1, 2, 3};
    private static final byte[] KEPT = {4, 5, 6};
    private static final byte[] BY_BYTE_BUDDY = {7, 8, 9};

    private final AtomicInteger weavings = new AtomicInteger();

    private WovenGuards guards(Supplier<ClassFileTransformer> byteBuddy) {
        return new WovenGuards(Map.of(NAME, new WovenGuards.Kept(WovenGuards.digest(ORIGINAL), KEPT)), loader -> loader != null,
                () -> {
                    weavings.incrementAndGet();
                    return byteBuddy.get();
                });
    }

    private static byte[] transform(WovenGuards guards, ClassLoader loader, String name, byte[] classFile) {
        return guards.transform(null, loader, name, null, null, classFile);
    }

    private static ClassFileTransformer weaving(byte[] result) {
        return new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                    byte[] classFile) {
                return result;
            }
        };
    }

    @Test
    void theJdksClassFileGetsTheKeptWeavingWithoutByteBuddy() {
        assertArrayEquals(KEPT, transform(guards(() -> weaving(BY_BYTE_BUDDY)), null, NAME, ORIGINAL));
        assertEquals(0, weavings.get(), "Byte Buddy was made");
    }

    @Test
    void theKeptWeavingItselfAndTheClassesOfNoGuardPass() {
        WovenGuards guards = guards(() -> weaving(BY_BYTE_BUDDY));
        assertNull(transform(guards, null, NAME, KEPT), "a redefinition with the woven class file");
        assertNull(transform(guards, null, "other/Kind", ORIGINAL), "a class no guard goes into");
        assertNull(transform(guards, new ClassLoader() { }, NAME, ORIGINAL), "a class of a loader outside the JDK");
    }

    @Test
    void anotherVersionOfAGuardedClassIsWovenByByteBuddy() {
        WovenGuards guards = guards(() -> weaving(BY_BYTE_BUDDY));
        assertArrayEquals(BY_BYTE_BUDDY, transform(guards, null, NAME, new byte[] {1, 2, 3, 4}));
        assertArrayEquals(BY_BYTE_BUDDY, transform(guards, null, NAME, new byte[] {1, 2}));
        assertEquals(1, weavings.get(), "Byte Buddy made once");
    }

    @Test
    void aGuardedClassThatCannotBeWovenIsRefusedRatherThanLoadedUnguarded() {
        byte[] failing = transform(guards(() -> {
            throw new IllegalStateException("no weaving here");
        }), null, NAME, new byte[] {9});
        byte[] unwoven = transform(guards(() -> weaving(null)), null, NAME, new byte[] {9});

        for (byte[] refusal : new byte[][] {failing, unwoven}) {
            assertNotNull(refusal);
            Class<?> stub = new ClassLoader(null) {
                Class<?> define() {
                    return defineClass(NAME.replace('/', '.'), refusal, 0, refusal.length);
                }
            }.define();
            NoClassDefFoundError e = assertThrows(NoClassDefFoundError.class, () -> Class.forName(stub.getName(), true, stub.getClassLoader()));
            assertTrue(e.getMessage().startsWith("jvisor could not put its guards into guarded.Kind: "), e.getMessage());
        }
    }
}
