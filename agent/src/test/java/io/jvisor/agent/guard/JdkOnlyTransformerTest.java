package io.jvisor.agent.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class JdkOnlyTransformerTest {

    private static final byte[] WOVEN = {1, 2, 3};

    /** Byte Buddy's transformer as the guards make it: here, one that notes what it is offered. */
    private static final class Offered extends ResettableClassFileTransformer.AbstractBase {
        final List<String> names = new ArrayList<>();

        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
            names.add(name);
            return WOVEN;
        }

        @Override
        public Iterator<AgentBuilder.Transformer> iterator(TypeDescription type, ClassLoader loader, JavaModule module,
                Class<?> redefined, ProtectionDomain domain) {
            return Collections.emptyIterator();
        }

        @Override
        public boolean reset(Instrumentation instrumentation, ResettableClassFileTransformer transformer,
                AgentBuilder.RedefinitionStrategy strategy, AgentBuilder.RedefinitionStrategy.DiscoveryStrategy discovery,
                AgentBuilder.RedefinitionStrategy.BatchAllocator allocator, AgentBuilder.RedefinitionStrategy.Listener listener) {
            return false;
        }
    }

    private final Offered guards = new Offered();
    private final JdkOnlyTransformer transformer = new JdkOnlyTransformer(guards, loader -> loader instanceof URLClassLoader);

    @Test
    void aClassOfAGuestsLoaderNeverReachesByteBuddy() throws Exception {
        try (URLClassLoader guest = new URLClassLoader(new URL[0], null)) {
            assertNull(transformer.transform(guest, "g/Main", null, null, new byte[0]));
            assertNull(transformer.transform(Object.class.getModule(), guest, "g/Other", null, null, new byte[0]));
        }
        assertEquals(List.of(), guards.names);
    }

    @Test
    void aClassOfTheJdksLoadersIsWovenAsByteBuddySays() throws Exception {
        assertArrayEquals(WOVEN, transformer.transform(null, "java/lang/Runtime", null, null, new byte[0]));
        assertArrayEquals(WOVEN, transformer.transform(Object.class.getModule(), ClassLoader.getPlatformClassLoader(),
                "java/sql/DriverManager", null, null, new byte[0]));
        assertEquals(List.of("java/lang/Runtime", "java/sql/DriverManager"), guards.names);
    }
}
