package io.jvisor.sandbox;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the reference fields of any object, and the static fields of any class, without access
 * checks and without initialising the class (reflection's {@code Field.get} would run a static
 * initialiser, guest code, on the caller's thread): the JDK's internal {@code Unsafe}. And finds
 * the class of a name that a loader defined, without running the loader's code.
 *
 * <p>{@code java.base} exports it (and opens {@code java.lang}), by {@link Instrumentation#redefineModule}, to a module of its
 * own that {@link #open} defines in a layer of its own, and to nothing else: jvisor's classes
 * share their unnamed module with the application under {@code -javaagent} and with a host that
 * embeds jvisor, which must not gain it. The module exports nothing and holds one class, which
 * hands its lookup to this one once; only the method handles made with it are kept. Thread-safe.
 */
final class FieldReader {

    private static final String MODULE = "io.jvisor.fields";
    private static final String LOOKUPS = MODULE + ".Lookups";
    private static final String UNSAFE_PACKAGE = "jdk.internal.misc";
    /** Opened for {@code ClassLoader.findLoadedClass}, final and protected, which no loader's code runs in. */
    private static final String LOADERS_PACKAGE = "java.lang";

    private final MethodHandle read;
    private final MethodHandle offset;
    private final MethodHandle staticBase;
    private final MethodHandle staticOffset;
    private final MethodHandle findLoaded;

    private FieldReader(MethodHandles.Lookup lookup) throws Throwable {
        Class<?> unsafeType = Class.forName(UNSAFE_PACKAGE + ".Unsafe");
        Object unsafe = lookup.findStatic(unsafeType, "getUnsafe", MethodType.methodType(unsafeType)).invoke();
        read = unsafeMethod(lookup, unsafe, "getReference", Object.class, Object.class, long.class);
        offset = unsafeMethod(lookup, unsafe, "objectFieldOffset", long.class, Field.class);
        staticBase = unsafeMethod(lookup, unsafe, "staticFieldBase", Object.class, Field.class);
        staticOffset = unsafeMethod(lookup, unsafe, "staticFieldOffset", long.class, Field.class);
        findLoaded = MethodHandles.privateLookupIn(ClassLoader.class, lookup).findVirtual(ClassLoader.class,
                "findLoadedClass", MethodType.methodType(Class.class, String.class));
    }

    private static MethodHandle unsafeMethod(MethodHandles.Lookup lookup, Object unsafe, String name, Class<?> returns,
            Class<?>... parameters) throws ReflectiveOperationException {
        return lookup.findVirtual(unsafe.getClass(), name, MethodType.methodType(returns, parameters)).bindTo(unsafe);
    }

    /**
     * Makes {@code java.base} export the JDK's internal {@code Unsafe} to a module of jvisor's own.
     *
     * @throws UnsupportedOperationException if this JVM does not let it
     */
    static FieldReader open(Instrumentation instrumentation) {
        try {
            ModuleLayer layer = lookupsLayer();
            Module module = layer.findModule(MODULE).orElseThrow();
            instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(UNSAFE_PACKAGE, Set.of(module)),
                    Map.of(LOADERS_PACKAGE, Set.of(module)), Set.of(), Map.of());
            // a service of the module's, made without the module exporting anything
            Supplier<?> lookups = ServiceLoader.load(layer, Supplier.class).stream()
                    .filter(p -> p.type().getModule() == module).findFirst().orElseThrow().get();
            return new FieldReader((MethodHandles.Lookup) lookups.get());
        } catch (Error e) {
            throw e;
        } catch (Throwable e) { // a layer's, a lookup's or getUnsafe's failure: a JDK that has moved it
            throw new UnsupportedOperationException("this JVM does not let jvisor read the fields of a guest's objects: " + e, e);
        }
    }

    /**
     * A layer of one module, {@link #MODULE}, that exports nothing: its one class, a service of the
     * module's, returns its own full-privilege lookup.
     */
    private static ModuleLayer lookupsLayer() {
        byte[] classFile = lookupsClass();
        String resource = LOOKUPS.replace('.', '/') + ".class";
        ModuleDescriptor descriptor = ModuleDescriptor.newModule(MODULE).packages(Set.of(MODULE))
                .provides(Supplier.class.getName(), List.of(LOOKUPS)).build();
        ModuleReference reference = new ModuleReference(descriptor, null) {
            @Override
            public ModuleReader open() {
                return new ModuleReader() {
                    @Override
                    public Optional<URI> find(String name) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<InputStream> open(String name) {
                        return name.equals(resource) ? Optional.of(new ByteArrayInputStream(classFile)) : Optional.empty();
                    }

                    @Override
                    public Stream<String> list() {
                        return Stream.of(resource);
                    }

                    @Override
                    public void close() {
                        // nothing held
                    }
                };
            }
        };
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return name.equals(MODULE) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    /** {@code public final class Lookups implements Supplier { public Object get() { return MethodHandles.lookup(); } }} */
    private static byte[] lookupsClass() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, LOOKUPS.replace('.', '/'), null,
                "java/lang/Object", new String[] {"java/util/function/Supplier"});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor get = cw.visitMethod(Opcodes.ACC_PUBLIC, "get", "()Ljava/lang/Object;", null, null);
        get.visitCode();
        get.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(0, 0);
        get.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The offset of an instance field, for {@link #read}. */
    long offset(Field field) {
        try {
            return (long) offset.invokeExact(field);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The object that holds a static field's value, for {@link #read}. */
    Object staticBase(Field field) {
        try {
            return (Object) staticBase.invokeExact(field);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The offset of a static field in its {@link #staticBase}. */
    long staticOffset(Field field) {
        try {
            return (long) staticOffset.invokeExact(field);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** The reference at an offset of an object (or a static base) that a reference field of it has. */
    Object read(Object base, long fieldOffset) {
        try {
            return (Object) read.invokeExact(base, fieldOffset);
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /**
     * The class of this binary name that a loader defined, if it has, or {@code null}: asked of the
     * JVM ({@code findLoadedClass}), so that no code of the loader's runs and nothing is loaded.
     */
    Class<?> definedBy(ClassLoader loader, String name) {
        Class<?> found;
        try {
            found = (Class<?>) findLoaded.invokeExact(loader, name);
        } catch (Throwable e) {
            throw unchecked(e);
        }
        return found != null && found.getClassLoader() == loader ? found : null;
    }

    /** The handles declare {@code Throwable}; {@code Unsafe}'s methods throw only unchecked ones. */
    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new IllegalStateException(e);
    }
}
