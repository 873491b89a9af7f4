package io.jvisor.sandbox;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * A package of one of the JVM's modules that a guest's code reaches beyond what the module
 * exports: what {@code java --add-exports MODULE/PACKAGE=ALL-UNNAMED} (or {@code --add-opens})
 * gives a program, or the {@code Add-Exports} and {@code Add-Opens} attributes of the manifest of
 * the jar {@code java -jar} runs. Under jvisor it is given to the guest's own code alone (the
 * unnamed module of its class loader), never to the host or another guest.
 *
 * @param module the module's name, e.g. {@code jdk.compiler}
 * @param pkg    the package, e.g. {@code com.sun.tools.javac.api}
 * @param open   whether the package is open to deep reflection too ({@code --add-opens}), not
 *               only exported
 */
public record ModuleAccess(String module, String pkg, boolean open) {

    /** The manifest attribute of the packages a jar's code needs exported. */
    static final Attributes.Name ADD_EXPORTS = new Attributes.Name("Add-Exports");
    /** The manifest attribute of the packages a jar's code needs open. */
    static final Attributes.Name ADD_OPENS = new Attributes.Name("Add-Opens");

    /**
     * Checks the names.
     *
     * @throws IllegalArgumentException if either is empty or not a dotted Java name
     */
    public ModuleAccess {
        if (!isName(module) || !isName(pkg)) {
            throw new IllegalArgumentException("'" + module + "/" + pkg + "' is not MODULE/PACKAGE");
        }
    }

    /**
     * Parses {@code MODULE/PACKAGE}, as {@code java --add-exports} takes it; a target after
     * {@code =} may only be {@code ALL-UNNAMED}, which under jvisor means the guest's code.
     *
     * @throws IllegalArgumentException if the text is not that
     */
    public static ModuleAccess parse(String text, boolean open) {
        String access = text;
        int equals = text.indexOf('=');
        if (equals >= 0) {
            if (!text.substring(equals + 1).equals("ALL-UNNAMED")) {
                throw new IllegalArgumentException("'" + text + "': a guest's code is the only target: give MODULE/PACKAGE");
            }
            access = text.substring(0, equals);
        }
        int slash = access.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not MODULE/PACKAGE");
        }
        return new ModuleAccess(access.substring(0, slash), access.substring(slash + 1), open);
    }

    /**
     * What a jar's manifest asks for ({@code Add-Exports}, {@code Add-Opens}), in its order.
     *
     * @throws IllegalArgumentException if an entry is not {@code MODULE/PACKAGE}
     */
    static List<ModuleAccess> askedBy(Manifest manifest) {
        List<ModuleAccess> asked = new ArrayList<>();
        add(asked, manifest.getMainAttributes().getValue(ADD_EXPORTS), false);
        add(asked, manifest.getMainAttributes().getValue(ADD_OPENS), true);
        return asked;
    }

    private static void add(List<ModuleAccess> asked, String value, boolean open) {
        if (value != null && !value.isBlank()) {
            for (String access : value.trim().split("\\s+")) {
                asked.add(parse(access, open));
            }
        }
    }

    /** Whether this access gives what the other asks: the same package, opened if it asks for that. */
    boolean covers(ModuleAccess asked) {
        return module.equals(asked.module) && pkg.equals(asked.pkg) && (open || !asked.open);
    }

    /**
     * Exports (or opens) the package to the code of one module.
     *
     * @throws IllegalArgumentException if the JVM has no such module, or the module no such package
     */
    void grant(Instrumentation instrumentation, Module to) {
        Module target = ModuleLayer.boot().findModule(module)
                .orElseThrow(() -> new IllegalArgumentException("this JVM has no module " + module));
        if (!target.getPackages().contains(pkg)) {
            throw new IllegalArgumentException("module " + module + " has no package " + pkg);
        }
        Map<String, Set<Module>> to1 = Map.of(pkg, Set.of(to));
        instrumentation.redefineModule(target, Set.of(), open ? Map.of() : to1, open ? to1 : Map.of(), Set.of(), Map.of());
    }

    /** As {@code java} takes it: {@code --add-exports MODULE/PACKAGE} or {@code --add-opens MODULE/PACKAGE}. */
    @Override
    public String toString() {
        return (open ? "--add-opens " : "--add-exports ") + module + "/" + pkg;
    }

    private static boolean isName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))
                    || !part.chars().skip(1).allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }
}
