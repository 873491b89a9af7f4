package io.jvisor.agent.guard;

import io.jvisor.agent.transform.RefusedClass;
import io.jvisor.hooks.Guards;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The guards as Byte Buddy wove them into one JDK's classes when jvisor was built, kept in
 * jvisor's jar: put in at start-up by redefinition, they spare it Byte Buddy's weaving, most of
 * jvisor's start-up (and the classes of Byte Buddy, a quarter of those a guest's JVM loads).
 *
 * <p>Each class is kept with the digest of the JDK's class file it was woven from, and is used
 * only for a class file of that digest: a JDK that differs in any guarded class (another update,
 * another vendor's build) is woven by Byte Buddy at start-up ({@link #weaveNow}), and installed
 * the same way. The transformer this installs answers the guarded classes loaded later, and a
 * redefinition of one with the JDK's own class file, in the same way; another class file of a
 * guarded class is woven by Byte Buddy, and one that cannot be woven is refused. What is kept is
 * code of jvisor's own build, in its own jar: it is trusted as the rest of the jar is.
 *
 * <p>Written by {@link #main} during the build, once for each JDK the build has at hand.
 */
final class WovenGuards implements ClassFileTransformer {

    /** The format of the kept classes, the first int of a resource. */
    private static final int FORMAT = 1;
    private static final String DIGEST = "SHA-256";

    private final Map<String, Kept> byName;
    private final Predicate<ClassLoader> outsideJdk;
    private final Supplier<ClassFileTransformer> byteBuddy;
    private volatile ClassFileTransformer weaver;
    private volatile Instrumentation instrumentation;

    /** A class as woven: the digest of the JDK's class file it was woven from, and the woven class file. */
    record Kept(byte[] digest, byte[] woven) {
    }

    WovenGuards(Map<String, Kept> byName, Predicate<ClassLoader> outsideJdk, Supplier<ClassFileTransformer> byteBuddy) {
        this.byName = byName;
        this.outsideJdk = outsideJdk;
        this.byteBuddy = byteBuddy;
    }

    /** Each woven class file, with its class's internal name. */
    void forEachWoven(java.util.function.BiConsumer<String, byte[]> action) {
        byName.forEach((name, kept) -> action.accept(name, kept.woven.clone()));
    }

    /** The resource that keeps the guards woven for a JDK of this runtime version. */
    static String resource(String runtimeVersion) {
        return "io/jvisor/agent/guard/woven/" + runtimeVersion.replaceAll("[^A-Za-z0-9._+-]", "_") + ".bin";
    }

    /** The woven class files, by class name. */
    Map<String, byte[]> woven() {
        Map<String, byte[]> woven = new HashMap<>();
        byName.forEach((name, kept) -> woven.put(name.replace('/', '.'), kept.woven.clone()));
        return woven;
    }

    /** The kept guards for this JDK's runtime version, or null if jvisor's jar keeps none. */
    static WovenGuards read(Predicate<ClassLoader> outsideJdk, Supplier<ClassFileTransformer> byteBuddy) {
        try (InputStream in = WovenGuards.class.getClassLoader().getResourceAsStream(resource(Runtime.version().toString()))) {
            if (in == null) {
                return null;
            }
            DataInputStream data = new DataInputStream(new ByteArrayInputStream(in.readAllBytes()));
            if (data.readInt() != FORMAT) {
                return null;
            }
            Map<String, Kept> byName = new HashMap<>();
            for (int n = data.readInt(); n > 0; n--) {
                String name = data.readUTF();
                byName.put(name, new Kept(bytes(data), bytes(data)));
            }
            return new WovenGuards(byName, outsideJdk, byteBuddy);
        } catch (IOException e) {
            throw new UncheckedIOException("jvisor's jar is damaged: cannot read its woven guards: " + e.getMessage(), e);
        }
    }

    /**
     * The guards woven by Byte Buddy now into every JDK class they go into, loading those not
     * loaded yet: what the build keeps for a JDK.
     *
     * @throws IllegalStateException if a guarded class cannot be woven or its class file read
     */
    static WovenGuards weaveNow(Predicate<ClassLoader> outsideJdk, Supplier<ClassFileTransformer> byteBuddy) {
        ClassFileTransformer weaver = GuardWeaving.weaver();
        Map<String, Kept> byName = new HashMap<>();
        for (String name : CalleeGuards.guardedClasses()) {
            Class<?> type = CalleeGuards.jdkClass(name);
            String internalName = name.replace('.', '/');
            byte[] woven;
            byte[] original;
            try {
                original = classFile(type);
                woven = weaver.transform(type.getModule(), type.getClassLoader(), internalName, type, type.getProtectionDomain(),
                        original);
            } catch (IOException | java.lang.instrument.IllegalClassFormatException e) {
                throw new IllegalStateException("jvisor could not weave its guards into " + name + ": " + e, e);
            }
            if (woven == null) {
                throw new IllegalStateException("jvisor could not weave its guards into " + name + ": no guard went in");
            }
            byName.put(internalName, new Kept(digest(original), woven));
        }
        return new WovenGuards(byName, outsideJdk, byteBuddy);
    }

    private static byte[] bytes(DataInputStream data) throws IOException {
        byte[] bytes = new byte[data.readInt()];
        data.readFully(bytes);
        return bytes;
    }

    /**
     * Installs the transformer for the guarded classes loaded from now on, and redefines those
     * loaded already with their kept weaving, if each of them was woven from a class file like
     * this JDK's.
     *
     * @param instrumentation an instrumentation that can redefine classes
     * @param loaded          the guarded classes that must be loaded now, by name
     * @return whether the guards are in; if not (a class file unlike the one woven), nothing was changed
     * @throws IllegalStateException if the JVM refuses a redefinition
     */
    boolean install(Instrumentation instrumentation, List<String> loaded) {
        this.instrumentation = instrumentation;
        // the digest's provider loads JDK classes, a guarded one among them (the file channel that
        // reads its configuration): loaded before the transformer asks for a digest
        digest(new byte[0]);
        // first, so that no guarded class loads unwoven between the look at the loaded ones and their redefinition
        instrumentation.addTransformer(this, false);
        List<ClassDefinition> definitions = new ArrayList<>();
        Set<String> missing = new HashSet<>(loaded);
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            Kept kept = byName.get(type.getName().replace('.', '/'));
            if (kept == null || outsideJdk.test(type.getClassLoader())) {
                continue;
            }
            byte[] classFile;
            try {
                classFile = classFile(type);
            } catch (IOException e) {
                classFile = null;
            }
            if (classFile == null || !Arrays.equals(kept.digest, digest(classFile))) {
                instrumentation.removeTransformer(this);
                return false;
            }
            definitions.add(new ClassDefinition(type, kept.woven.clone()));
            missing.remove(type.getName());
        }
        if (!missing.isEmpty()) {
            instrumentation.removeTransformer(this);
            return false;
        }
        try {
            for (ClassDefinition definition : definitions) {
                readGuards(definition.getDefinitionClass().getModule());
            }
            instrumentation.redefineClasses(definitions.toArray(new ClassDefinition[0]));
        } catch (ClassNotFoundException | UnmodifiableClassException | RuntimeException e) {
            throw new IllegalStateException("jvisor could not put its guards into the JDK: " + e, e);
        }
        return true;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        Kept kept = name == null || outsideJdk.test(loader) ? null : byName.get(name);
        if (kept == null || Arrays.equals(kept.woven, classFile)) {
            return null; // not guarded, or guarded already (a redefinition with the woven class file)
        }
        try {
            if (Arrays.equals(kept.digest, digest(classFile))) {
                readGuards(module);
                return kept.woven.clone();
            }
            // another agent's version of the class: woven as it would have been without the kept guards
            byte[] woven = weaver().transform(module, loader, name, redefined, domain, classFile);
            if (woven == null) {
                throw new IllegalStateException("Byte Buddy wove nothing into it");
            }
            return woven;
        } catch (Exception | Error e) {
            // thrown on, it would have the JVM define the class unguarded; this one cannot be
            // redefined into a class that was defined, nor used where it is defined first
            return RefusedClass.stub(name, "jvisor could not put its guards into " + name.replace('/', '.') + ": " + e);
        }
    }

    private ClassFileTransformer weaver() {
        ClassFileTransformer w = weaver;
        if (w == null) {
            synchronized (this) {
                if (weaver == null) {
                    weaver = byteBuddy.get();
                }
                w = weaver;
            }
        }
        return w;
    }

    /** Lets a JDK module read the guards' entry points, in the bootstrap loader's unnamed module, as Byte Buddy does. */
    private void readGuards(Module module) {
        Module guards = Guards.class.getModule();
        if (module != null && !module.canRead(guards)) {
            instrumentation.redefineModule(module, Set.of(guards), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    /** The JDK's class file of a loaded JDK class, as its runtime image holds it. */
    static byte[] classFile(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the JDK's class file of " + type.getName() + " is not found");
            }
            return in.readAllBytes();
        }
    }

    static byte[] digest(byte[] classFile) {
        try {
            return MessageDigest.getInstance(DIGEST).digest(classFile);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + DIGEST, e);
        }
    }

    /**
     * Weaves the guards into this JDK's classes by Byte Buddy and keeps them, for this JDK's
     * runtime version, in each jar given.
     *
     * @param jars the jars to add the woven guards to (jvisor's shaded jars)
     */
    public static void main(String... jars) throws Exception {
        WovenGuards woven = weaveNow(null, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeInt(FORMAT);
            data.writeInt(woven.byName.size());
            for (Map.Entry<String, Kept> e : new java.util.TreeMap<>(woven.byName).entrySet()) {
                data.writeUTF(e.getKey());
                data.writeInt(e.getValue().digest.length);
                data.write(e.getValue().digest);
                data.writeInt(e.getValue().woven.length);
                data.write(e.getValue().woven);
            }
        }
        String resource = resource(Runtime.version().toString());
        for (String jar : jars) {
            try (FileSystem zip = FileSystems.newFileSystem(Path.of(jar))) {
                Path entry = zip.getPath(resource);
                Files.createDirectories(entry.getParent());
                Files.write(entry, bytes.toByteArray());
            }
        }
        System.out.println("jvisor: kept the guards woven into " + woven.byName.size() + " classes of JDK " + Runtime.version()
                + " in " + String.join(", ", jars));
    }
}
