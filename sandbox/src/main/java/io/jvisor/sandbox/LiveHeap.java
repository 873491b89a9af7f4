package io.jvisor.sandbox;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An estimate of the heap a guest holds live: the bytes of the objects reachable from its roots,
 * each counted once, by a walk of its object graph with the sizes that
 * {@link Instrumentation#getObjectSize} gives. The JVM counts allocation per thread but liveness
 * only for the whole heap; a program's share needs a walk from its own roots, which only JVMTI's
 * native heap functions offer, and no Java API. Thread-safe: each walk has its own state.
 *
 * <p><b>Roots:</b> the static fields of every class the guest's loaders defined (the loader jvisor
 * made for it, those it made itself, and the hidden classes of either), and the guest's live
 * threads: each {@code Thread} object and what its fields hold, its thread locals among them.
 *
 * <p><b>What it cannot see:</b> an object that only a thread's stack holds (a local variable, an
 * argument, an operand), which no Java API shows; so the estimate is low by what the guest's
 * running methods hold only in their frames.
 *
 * <p><b>Where it stops</b>, so that a guest is not charged for what the JVM and others share:
 * <ul>
 *   <li>classes, class loaders, modules, thread groups and threads other than the guest's own live
 *       ones are neither counted nor followed (a class's statics are the roots of its loader's
 *       guest, if any);</li>
 *   <li>objects of jvisor's own classes (the guest's console, its disk and the hypervisor's other
 *       objects) are neither counted nor followed;</li>
 *   <li>objects of the JDK's internal classes (those of packages no JDK module exports: its
 *       caches, cleaners, charsets) are counted, not followed;</li>
 *   <li>what a weak, soft or phantom reference refers to is not followed: the collector does not
 *       keep it alive;</li>
 *   <li>the fields of a class whose loader would run code of its own to resolve their types (a
 *       loader class a guest wrote: reflection resolves a class's field types through its loader)
 *       are not read, so that the walk never runs a guest's code: such an object is counted, not
 *       followed, and such a class's statics are no roots. Nor are fields that reflection hides
 *       from everyone (those of {@code Method}, {@code Field} and the like).</li>
 * </ul>
 * A JDK object that the guest refers to and others share (the common fork-join pool, say) is
 * counted with what it reaches short of these.
 *
 * <p>The walk runs nothing of the guest's: objects are told apart by identity, never by their
 * {@code equals} or {@code hashCode}; fields are read without initialising their class (see
 * {@link FieldReader}). The guest's threads may change the graph while it is walked: the walk
 * reads each reference once, so that it counts some mix of before and after, as any count made
 * without stopping the program would. It stops once past a limit, and then returns what it has
 * counted so far.
 */
final class LiveHeap {

    private static final long[] NO_REFERENCES = {};

    private final Instrumentation instrumentation;
    private final FieldReader fields;
    private final Predicate<Class<?>> ownClasses;
    private final ClassValue<Layout> layouts = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return layout(type);
        }
    };

    /**
     * @param instrumentation the JVM's: the sizes of objects and the loaded classes
     * @param ownClasses      which classes are jvisor's
     * @throws UnsupportedOperationException if this JVM does not let jvisor read fields (see {@link FieldReader#open})
     */
    LiveHeap(Instrumentation instrumentation, Predicate<Class<?>> ownClasses) {
        this.instrumentation = instrumentation;
        this.fields = FieldReader.open(instrumentation);
        this.ownClasses = ownClasses;
    }

    /**
     * Estimates a guest's live heap.
     *
     * @param loaders  the guest's class loaders (an identity set): those jvisor made for it and those
     *                 it made that descend from no other of them
     * @param threads  its live threads
     * @param stopPast where the walk may stop: once past it, the estimate is known to be past it
     * @return the estimate in bytes; past {@code stopPast} if the walk stopped early
     */
    long measure(Set<ClassLoader> loaders, Collection<Thread> threads, long stopPast) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (!c.isArray() && !c.isPrimitive() && definedBy(c.getClassLoader(), loaders)) {
                classes.add(c);
            }
        }
        return walk(classes, threads, stopPast);
    }

    /** Whether a loader is one of these or descends from one: by identity and parents, which no loader can override. */
    private static boolean definedBy(ClassLoader loader, Set<ClassLoader> loaders) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (loaders.contains(l)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes reachable from the static fields of these classes and from these threads.
     *
     * @return the estimate in bytes; past {@code stopPast} if the walk stopped early
     */
    long walk(Collection<Class<?>> classes, Collection<Thread> threads, long stopPast) {
        Walk walk = new Walk(stopPast);
        for (Thread t : threads) {
            walk.root(t);
        }
        for (Class<?> c : classes) {
            for (Field f : referenceFields(c, true)) {
                if (walk.over()) {
                    return walk.total;
                }
                walk.reach(fields.read(fields.staticBase(f), fields.staticOffset(f)));
            }
        }
        walk.run();
        return walk.total;
    }

    /** One walk: what it has seen, what it has still to follow, and what it has counted. */
    private final class Walk {
        private final long stopPast;
        private final Map<Object, Boolean> seen = new IdentityHashMap<>();
        private final ArrayDeque<Object> pending = new ArrayDeque<>();
        long total;

        Walk(long stopPast) {
            this.stopPast = stopPast;
        }

        boolean over() {
            return total > stopPast;
        }

        /** A live thread of the guest: counted and followed, though threads reached from others are not. */
        void root(Thread thread) {
            if (seen.put(thread, Boolean.TRUE) == null) {
                total += instrumentation.getObjectSize(thread);
                pending.push(thread);
            }
        }

        void reach(Object o) {
            if (o == null) {
                return;
            }
            Layout layout = layouts.get(o.getClass());
            if (layout.counted() && seen.put(o, Boolean.TRUE) == null) {
                total += instrumentation.getObjectSize(o);
                if (layout.followed()) {
                    pending.push(o);
                }
            }
        }

        void run() {
            while (!pending.isEmpty() && !over()) {
                Object o = pending.pop();
                if (o instanceof Object[]) {
                    Object[] array = (Object[]) o;
                    for (int i = 0; i < array.length && !over(); i++) {
                        reach(array[i]);
                    }
                } else {
                    for (long offset : layouts.get(o.getClass()).references()) {
                        reach(fields.read(o, offset));
                    }
                }
            }
        }
    }

    /**
     * How a walk treats the instances of a class.
     *
     * @param counted    whether their size is counted
     * @param followed   whether what they refer to is
     * @param references the offsets of their reference fields (also of a thread's, which a root's are)
     */
    private record Layout(boolean counted, boolean followed, long[] references) {
    }

    private Layout layout(Class<?> type) {
        if (type.isArray()) {
            return new Layout(true, !type.getComponentType().isPrimitive(), NO_REFERENCES);
        }
        boolean thread = Thread.class.isAssignableFrom(type);
        if (thread || type == Class.class || type == Module.class || type == ModuleLayer.class
                || ClassLoader.class.isAssignableFrom(type) || ThreadGroup.class.isAssignableFrom(type) || ownClasses.test(type)) {
            return new Layout(false, false, thread ? instanceReferences(type) : NO_REFERENCES);
        }
        Module module = type.getModule();
        boolean jdkInternal = module.isNamed() && module.getLayer() == ModuleLayer.boot() && !module.isExported(type.getPackageName());
        return jdkInternal ? new Layout(true, false, NO_REFERENCES) : new Layout(true, true, instanceReferences(type));
    }

    /** The offsets of the reference fields of a class's instances, its superclasses' included. */
    private long[] instanceReferences(Class<?> type) {
        List<Long> offsets = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            // a reference's own fields: its referent, which the collector does not count as held, and
            // the bookkeeping of the collector and of queues, some of them the JDK's (what a subclass
            // adds, a map entry's value, is followed)
            if (c == java.lang.ref.Reference.class) {
                continue;
            }
            for (Field f : referenceFields(c, false)) {
                offsets.add(fields.offset(f));
            }
        }
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The reference fields a class declares, static or not; none if its loader would run code of
     * its own to resolve their types, or cannot.
     */
    private List<Field> referenceFields(Class<?> c, boolean statics) {
        if (!resolvesQuietly(c.getClassLoader())) {
            return List.of();
        }
        Field[] declared;
        try {
            declared = c.getDeclaredFields();
        } catch (LinkageError e) {
            return List.of(); // a field's type that its loader does not find, or a class that does not verify
        }
        List<Field> references = new ArrayList<>();
        for (Field f : declared) {
            if (Modifier.isStatic(f.getModifiers()) == statics && !f.getType().isPrimitive()) {
                references.add(f);
            }
        }
        return references;
    }

    /**
     * Whether a loader resolves a type without running code of a guest's: it and its parents are
     * the JDK's loaders, loaders of a JDK class (a {@code URLClassLoader} a guest made) or jvisor's.
     */
    private boolean resolvesQuietly(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            Class<?> type = l.getClass();
            if (!Hypervisor.isJdk(type.getClassLoader()) && !ownClasses.test(type)) {
                return false;
            }
        }
        return true;
    }
}
