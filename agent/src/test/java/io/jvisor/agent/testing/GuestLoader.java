package io.jvisor.agent.testing;

import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.rewrite.TrapSite;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A guest's class loader, as the transformer would see it: defines rewritten copies of the guest's
 * classes (the fixtures in {@code example.guest}, and any class file given to {@link #add}) and
 * delegates every other class to its parent.
 */
public final class GuestLoader extends ClassLoader {

    /** The package of the fixture guests, as a binary-name prefix. */
    public static final String FIXTURES = "example.guest.";

    private final Rewriter rewriter;
    private final Map<String, byte[]> originals = new HashMap<>();
    private final Map<String, byte[]> rewritten = new HashMap<>();
    private final List<TrapSite> sites = new ArrayList<>();

    public GuestLoader(Rewriter rewriter) {
        super("guest", GuestLoader.class.getClassLoader());
        this.rewriter = rewriter;
    }

    /** Makes this loader define (a rewritten copy of) the class in a class file. */
    public synchronized GuestLoader add(String binaryName, byte[] classFile) {
        originals.put(binaryName, classFile);
        return this;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] original = original(name);
                if (original == null) {
                    return super.loadClass(name, resolve);
                }
                byte[] bytes = rewriter.rewrite(original, this::report);
                synchronized (this) {
                    rewritten.put(name, bytes);
                }
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private synchronized byte[] original(String name) {
        byte[] given = originals.get(name);
        if (given != null) {
            return given;
        }
        return name.startsWith(FIXTURES) ? ClassFiles.readOrNull(name) : null;
    }

    private synchronized void report(TrapSite site) {
        sites.add(site);
    }

    /** The class file this loader defined for a class, after rewriting. */
    public synchronized byte[] rewrittenBytes(String name) {
        return rewritten.get(name);
    }

    /** The sites reported while rewriting the classes defined so far. */
    public synchronized List<TrapSite> sites() {
        return List.copyOf(sites);
    }

    /** Loads the guest's copy of a class. */
    public Class<?> guestClass(String name) {
        try {
            Class<?> c = loadClass(name);
            if (c.getClassLoader() != this) {
                throw new AssertionError(name + " was not defined by the guest loader");
            }
            return c;
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Calls a public static method of a guest class and returns its result. What the method throws
     * is rethrown as it is, so tests can assert on the guest's own exceptions and errors.
     */
    public Object call(String className, String methodName, Object... args) throws Throwable {
        Class<?> c = guestClass(className);
        Method m = Arrays.stream(c.getMethods())
                .filter(candidate -> candidate.getName().equals(methodName) && candidate.getParameterCount() == args.length)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no method " + methodName + " with " + args.length
                        + " parameters in " + className));
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
