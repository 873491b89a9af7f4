package io.jvisor.agent.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.hooks.Guards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The catalog lists every guard, on the JDK the test runs on: each JDK method the guards are
 * woven into (by Byte Buddy, as the build keeps them) is named by a guard row whose hook its woven
 * code calls, and each guard row whose method this JDK declares is woven ({@code *}: every method
 * of the name with code), unless a row of another form of the method, with the same hook, is woven
 * instead (the JDKs differ in where a choke point lies: JDK 17 looks names up in a method of four
 * arguments, later JDKs in one of two), or its guard goes in on other JDKs only
 * ({@link CalleeGuards#FILE_OVER_NATIVES}).
 */
class GuardsMatchCatalogTest {

    private static final String GUARDS = Type.getInternalName(Guards.class);

    /** "owner.name descriptor" of every woven method, with the {@code Guards} methods its code calls. */
    private static Map<String, Set<String>> wovenMethods() {
        Map<String, Set<String>> woven = new TreeMap<>();
        WovenGuards.weaveNow(null, null).forEachWoven((name, classFile) -> {
            for (MethodNode m : classNode(classFile, 0).methods) {
                Set<String> hooks = new TreeSet<>();
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof MethodInsnNode call && call.owner.equals(GUARDS)) {
                        hooks.add(call.name);
                    } else if (insn instanceof InvokeDynamicInsnNode site) {
                        // a method reference the weaving made one to a hook
                        Stream.of(site.bsmArgs).filter(a -> a instanceof Handle h && h.getOwner().equals(GUARDS))
                                .forEach(a -> hooks.add(((Handle) a).getName()));
                    }
                }
                if (!hooks.isEmpty()) {
                    woven.put(name + "." + m.name + " " + m.desc, hooks);
                }
            }
        });
        return woven;
    }

    private static ClassNode classNode(byte[] classFile, int flags) {
        ClassNode type = new ClassNode();
        new ClassReader(classFile).accept(type, flags | ClassReader.SKIP_FRAMES);
        return type;
    }

    /** "owner.name descriptor" of the methods with code that a row names on this JDK: none if its class or method is absent. */
    private static List<String> methodsOf(CriticalInstruction row) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(row.owner() + ".class")) {
            if (in == null) {
                return List.of();
            }
            return classNode(in.readAllBytes(), ClassReader.SKIP_CODE).methods.stream()
                    .filter(m -> m.name.equals(row.name()) && (m.access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) == 0)
                    .filter(m -> row.descriptor().equals(CriticalInstruction.EVERY_OVERLOAD) || m.desc.equals(row.descriptor()))
                    .map(m -> row.owner() + "." + m.name + " " + m.desc)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyWovenMethodIsAGuardRowAndEveryRowOfThisJdkIsWoven() {
        Map<String, Set<String>> woven = wovenMethods();
        Map<String, Set<String>> rows = new TreeMap<>();
        Set<String> formsWoven = new TreeSet<>();
        Set<String> unwoven = new TreeSet<>();
        for (CriticalInstruction row : Catalog.standard().entries()) {
            if (!row.isRewritten() && (CalleeGuards.FILE_OVER_NATIVES || !row.hook().equals("fileOverNative"))) {
                String form = row.owner() + "." + row.name() + " " + row.hook();
                for (String method : methodsOf(row)) {
                    rows.computeIfAbsent(method, k -> new TreeSet<>()).add(row.hook());
                    if (woven.containsKey(method)) {
                        formsWoven.add(form);
                    } else {
                        unwoven.add(form + " " + method);
                    }
                }
            }
        }
        unwoven.removeIf(unwovenForm -> formsWoven.stream().anyMatch(form -> unwovenForm.startsWith(form + " ")));

        Set<String> unlisted = new TreeSet<>(woven.keySet());
        unlisted.removeAll(rows.keySet());
        assertEquals(Set.of(), unlisted, "woven, but named by no guard row of the catalog");
        assertEquals(Set.of(), unwoven, "named by guard rows of the catalog, but not woven");
        rows.forEach((method, hooks) -> assertTrue(!woven.containsKey(method) || woven.get(method).containsAll(hooks),
                method + ": the woven code calls " + woven.get(method) + ", the catalog names " + hooks));
    }
}
