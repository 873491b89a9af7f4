package io.jvisor.agent.catalog;

import io.jvisor.hooks.Guards;
import io.jvisor.hooks.Traps;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's hook column and the trap entry points in {@link Traps} name the same methods. */
class TrapsMatchCatalogTest {

    /** Traps methods that the hypervisor or the rewriter use outside the catalog. */
    private static final Set<String> NOT_CATALOG_HOOKS = Set.of("install", "installed", "handlerEntered", "safepointOf", "safepoint", "safepointInHandler", "bindSafepoint", "superConstructorRefused", "isTrapped",
            "invokeTrapped", "bind", "checkKey");

    @Test
    void everyRowNamesAPublicStaticTrapWithTheHookDescriptor() {
        assertEquals(CriticalInstruction.TRAPS, Type.getInternalName(Traps.class));
        for (CriticalInstruction e : Catalog.standard().entries()) {
            if (!e.isRewritten()) {
                continue; // a guard: see everyGuardRowNamesAGuardsMethod
            }
            List<Method> named = Arrays.stream(Traps.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(e.hook())).collect(Collectors.toList());
            assertEquals(1, named.size(), "Traps must declare exactly one method " + e.hook() + " for " + e);
            Method hook = named.get(0);
            int modifiers = hook.getModifiers();
            assertTrue(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers),
                    "Traps." + e.hook() + " must be public static");
            assertEquals(e.hookDescriptor(), Type.getMethodDescriptor(hook), "descriptor of Traps." + e.hook());
        }
    }

    @Test
    void everySuperCallNamesAPublicStaticTrapWithItsDescriptor() throws ReflectiveOperationException {
        int superCalls = 0;
        for (CriticalInstruction e : Catalog.standard().entries()) {
            if (e.superCall() == null) {
                continue;
            }
            superCalls++;
            Method hook = Arrays.stream(Traps.class.getDeclaredMethods()).filter(m -> m.getName().equals(e.superCall().hook()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Traps." + e.superCall().hook() + " for " + e));
            assertTrue(Modifier.isPublic(hook.getModifiers()) && Modifier.isStatic(hook.getModifiers()),
                    "Traps." + hook.getName() + " must be public static");
            assertEquals(e.superHookDescriptor(), Type.getMethodDescriptor(hook), "descriptor of Traps." + hook.getName());
            Class<?> owner = Class.forName(e.owner().replace('/', '.'), false, null);
            java.lang.reflect.Constructor<?> instead = Arrays.stream(owner.getConstructors())
                    .filter(c -> Type.getConstructorDescriptor(c).equals(e.superCall().constructor())).findFirst()
                    .orElseThrow(() -> new AssertionError(owner.getName() + " has no public constructor " + e.superCall().constructor()));
            assertEquals(hook.getReturnType(), instead.getParameterTypes()[0], "the constructor called instead takes what the trap returns");
        }
        assertTrue(superCalls > 0, "the catalog names the super calls of FileInputStream");
    }

    @Test
    void everyGuardRowNamesAGuardsMethod() {
        for (CriticalInstruction e : Catalog.standard().entries()) {
            if (e.isRewritten()) {
                continue;
            }
            assertTrue(Arrays.stream(Guards.class.getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals(e.hook()) && Modifier.isPublic(m.getModifiers())
                            && Modifier.isStatic(m.getModifiers())), "Guards." + e.hook() + " for " + e);
        }
    }

    @Test
    void everyTrapIsNamedByARow() {
        Set<String> hooks = Catalog.standard().entries().stream()
                .flatMap(e -> e.superCall() == null ? Stream.of(e.hook()) : Stream.of(e.hook(), e.superCall().hook()))
                .collect(Collectors.toSet());
        Set<String> unnamed = new TreeSet<>();
        for (Method m : Traps.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                    && !NOT_CATALOG_HOOKS.contains(m.getName()) && !hooks.contains(m.getName())) {
                unnamed.add(m.getName());
            }
        }
        assertEquals(Set.of(), unnamed, "Traps methods that no catalog row names");
    }

    /** The hypervisor finds a trapped member called by reflection among bootstrap classes only. */
    @Test
    void everyRewrittenMemberIsDeclaredByABootstrapClass() throws ClassNotFoundException {
        for (CriticalInstruction e : Catalog.standard().entries()) {
            if (e.isRewritten()) {
                Class<?> owner = Class.forName(e.owner().replace('/', '.'), false, null);
                assertEquals(null, owner.getClassLoader(), e.owner());
            }
        }
    }
}
