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
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An estimate of the heap a guest holds live: the bytes of the objects reachable from its roots,
 * each counted once, by a walk of its object graph with the sizes that
 * {@link Instrumentation#getObjectSize} gives. The JVM counts allocation per thread but liveness
 * only for the whole heap; a program's share needs a walk from its own roots, which only JVMTI's
 * native heap functions offer, and no Java API. Thread-safe: each walk has its own state.
 *
 * <p><b>Roots:</b> the static fields of every class the guest's loaders defined (the loader jvisor
 * made for it, those it made itself, and the hidden classes of either), the guest's live threads
 * (each {@code Thread} object and what its fields hold, its thread locals among them) and what
 * jvisor holds for it alone (its system properties, its shutdown hooks, the defaults it set).
 *
 * <p><b>What the JDK holds for it:</b> what the JDK holds for every program (the threads that run
 * what programs hand the JDK, the common pool, the platform MXBeans' listeners) and the JDK's
 * objects that link what every program registers (a cleaner's registrations, a security
 * provider's services) are searched, without counting, for objects of the guest's classes: each
 * one found (a cleaning action, a queued task, a listener) is counted with what it holds, as if it
 * were a root. The search passes the JDK's objects alone: it stops where the walk stops, and at
 * the objects of the host's classes and of other guests'; and after 65,536 objects in
 * a walk, so that a guest that grows what the JDK holds for everyone does not stall the others'.
 *
 * <p><b>What it cannot see:</b> an object that only a thread's stack holds (a local variable, an
 * argument, an operand), which no Java API shows; so the estimate is low by what the guest's
 * running methods hold only in their frames. Nor what the JDK holds for the guest in objects of
 * the JDK's classes alone, with none of the guest's above them.
 *
 * <p><b>Where it stops</b>, so that a guest is not charged for what the JVM and others share:
 * <ul>
 *   <li>classes and modules, and class loaders, thread groups and live threads other than the
 *       guest's own, are neither counted nor followed (a class's statics are the roots of its
 *       loader's guest, if any); a thread that is not alive (not yet started, or ended) is counted
 *       and followed, since only what refers to it keeps it;</li>
 *   <li>objects of jvisor's own classes (the guest's console, its disk and the hypervisor's other
 *       objects) are neither counted nor followed;</li>
 *   <li>the JDK's objects that link what every program registers (a cleaner's registrations,
 *       which the JDK keeps in one list, internal references; a security provider) are counted,
 *       not followed, but searched as what the JDK holds for every program is; the JDK's other
 *       objects, of its internal classes too (a stream over a channel over the guest's bytes), are
 *       counted and followed;</li>
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
    /**
     * The most objects one walk's search passes: a guest that grows what the JDK holds for every
     * program (a listener's handback of millions of the JDK's objects) must not stall the walks of
     * the others, which the search would otherwise make as long as that.
     */
    private static final int SEARCHES = 1 << 16;

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
     * @param fields          reads the objects' fields
     * @param ownClasses      which classes are jvisor's
     */
    LiveHeap(Instrumentation instrumentation, FieldReader fields, Predicate<Class<?>> ownClasses) {
        this.instrumentation = instrumentation;
        this.fields = fields;
        this.ownClasses = ownClasses;
    }

    /**
     * Where a walk starts, and whose it is.
     *
     * @param loaders which class loaders are the guest's: those jvisor made for it and those it
     *                made, by identity (a loader that descends from one of them is the guest's too)
     * @param classes the classes whose statics are roots
     * @param threads the guest's live threads
     * @param held    what jvisor holds for the guest alone: counted and followed, and an object of
     *                jvisor's own classes among them followed without being counted
     * @param shared  what the JDK holds for every program: searched for the guest's objects
     */
    record Roots(Predicate<ClassLoader> loaders, Collection<Class<?>> classes, Collection<Thread> threads,
            Collection<?> held, Collection<?> shared) {

        /** Whether the guest's loaders defined a class (a lambda's and other hidden classes too). */
        boolean owns(Class<?> type) {
            return ownsLoader(type.getClassLoader());
        }

        /** Whether a loader is one of the guest's or descends from one: by identity and parents, which no loader can override. */
        boolean ownsLoader(ClassLoader loader) {
            for (ClassLoader l = loader; l != null; l = l.getParent()) {
                if (loaders.test(l)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Estimates a guest's live heap.
     *
     * @param loaders  the guest's class loaders (an identity set): those jvisor made for it and those
     *                 it made that descend from no other of them
     * @param threads  its live threads
     * @param held     what jvisor holds for it alone (see {@link Roots#held})
     * @param shared   what the JDK holds for every program (see {@link Roots#shared})
     * @param stopPast where the walk may stop: once past it, the estimate is known to be past it
     * @return the estimate in bytes; past {@code stopPast} if the walk stopped early
     */
    long measure(Set<ClassLoader> loaders, Collection<Thread> threads, Collection<?> held, Collection<?> shared, long stopPast) {
        List<Class<?>> classes = new ArrayList<>();
        Roots roots = new Roots(loaders::contains, classes, threads, held, shared);
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (!c.isArray() && !c.isPrimitive() && roots.owns(c)) {
                classes.add(c);
            }
        }
        return walk(roots, stopPast);
    }

    /**
     * The bytes reachable from these roots.
     *
     * @return the estimate in bytes; past {@code stopPast} if the walk stopped early
     */
    long walk(Roots roots, long stopPast) {
        Walk walk = new Walk(roots, stopPast);
        for (Thread t : roots.threads()) {
            walk.root(t);
        }
        for (Object o : roots.held()) {
            walk.hold(o);
        }
        for (Class<?> c : roots.classes()) {
            for (Field f : referenceFields(c, true)) {
                if (walk.over()) {
                    return walk.total;
                }
                walk.reach(fields.read(fields.staticBase(f), fields.staticOffset(f)));
            }
        }
        for (Object o : roots.shared()) {
            walk.searchRoot(o);
        }
        walk.run();
        return walk.total;
    }

    /** One walk: what it has seen, what it has still to follow, and what it has counted. */
    private final class Walk {
        private final Roots roots;
        private final long stopPast;
        /** What is counted, each followed once. */
        private final Map<Object, Boolean> seen = new IdentityHashMap<>();
        private final ArrayDeque<Object> pending = new ArrayDeque<>();
        /** What the search for the guest's objects among the JDK's has passed, uncounted. */
        private final Map<Object, Boolean> searched = new IdentityHashMap<>();
        private final ArrayDeque<Object> searching = new ArrayDeque<>();
        /** How many more objects the search may pass: what the JDK holds for every program is anyone's to grow. */
        private int searchesLeft = SEARCHES;
        private final Map<Class<?>, Boolean> guestsClasses = new IdentityHashMap<>();
        long total;

        Walk(Roots roots, long stopPast) {
            this.roots = roots;
            this.stopPast = stopPast;
        }

        boolean over() {
            return total > stopPast;
        }

        private boolean guests(Class<?> type) {
            return guestsClasses.computeIfAbsent(type, roots::owns);
        }

        /** A live thread of the guest: counted and followed, though live threads reached from others are not. */
        void root(Thread thread) {
            if (seen.put(thread, Boolean.TRUE) == null) {
                total += instrumentation.getObjectSize(thread);
                pending.push(thread);
            }
        }

        /** What jvisor holds for the guest: counted as if reached, but a holder of jvisor's own followed uncounted. */
        void hold(Object o) {
            if (o != null && ownClasses.test(o.getClass())) {
                if (seen.put(o, Boolean.TRUE) == null) {
                    for (long offset : instanceReferences(o.getClass())) {
                        reach(fields.read(o, offset));
                    }
                }
            } else {
                reach(o);
            }
        }

        void reach(Object o) {
            if (o == null) {
                return;
            }
            Layout layout = layouts.get(o.getClass());
            if (counts(o, layout.kind()) && seen.put(o, Boolean.TRUE) == null) {
                total += instrumentation.getObjectSize(o);
                if (layout.kind() == Kind.SHARED) {
                    searching.push(o); // what a guest handed it (a cleaning action) is found, not the rest
                } else if (layout.kind() != Kind.PRIMITIVES) {
                    pending.push(o);
                }
            }
        }

        /** Whether an object reached from the guest's roots is the guest's to count. */
        private boolean counts(Object o, Kind kind) {
            return switch (kind) {
                case NEVER -> false;
                case THREAD -> !((Thread) o).isAlive(); // the guest's live ones are its roots
                case LOADER -> roots.ownsLoader((ClassLoader) o);
                case GROUP -> guests(o.getClass());
                case PRIMITIVES, ARRAY, OBJECT, SHARED -> true;
            };
        }

        /** Something the JDK holds for every program: searched for the guest's objects. */
        void searchRoot(Object o) {
            if (o != null && !seen.containsKey(o) && searched.put(o, Boolean.TRUE) == null) {
                searching.push(o);
            }
        }

        /** An object met in the search: counted from here if it is the guest's, else searched on if it is the JDK's. */
        private void search(Object o) {
            if (o == null || seen.containsKey(o)) {
                return;
            }
            Class<?> element = o.getClass();
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive() && guests(element)) {
                reach(o);
                return;
            }
            Kind kind = layouts.get(o.getClass()).kind();
            boolean passes = switch (kind) {
                case NEVER, LOADER, GROUP, PRIMITIVES -> false;
                case THREAD -> !((Thread) o).isAlive();
                case ARRAY, OBJECT, SHARED -> Hypervisor.isJdk(element.getClassLoader()); // not the host's, nor another guest's
            };
            if (passes && searched.put(o, Boolean.TRUE) == null) {
                searching.push(o);
            }
        }

        void run() {
            while (!over()) {
                if (!pending.isEmpty()) {
                    follow(pending.pop(), this::reach);
                } else if (!searching.isEmpty() && searchesLeft-- > 0) {
                    follow(searching.pop(), this::search);
                } else {
                    return;
                }
            }
        }

        private void follow(Object o, Consumer<Object> next) {
            if (o instanceof Object[]) {
                Object[] array = (Object[]) o;
                for (int i = 0; i < array.length && !over(); i++) {
                    next.accept(array[i]);
                }
            } else {
                for (long offset : layouts.get(o.getClass()).references()) {
                    next.accept(fields.read(o, offset));
                }
            }
        }
    }

    /** How a walk treats the instances of a class. */
    private enum Kind {
        /** Classes, modules, layers and jvisor's objects: neither counted nor searched. */
        NEVER,
        /** Counted and followed once it is not alive. */
        THREAD,
        /** Counted and followed if it is the guest's. */
        LOADER,
        /** Counted and followed if its class is the guest's. */
        GROUP,
        /** An array of primitives: counted. */
        PRIMITIVES,
        /** An array of references: counted and followed. */
        ARRAY,
        /** Any other object: counted and followed. */
        OBJECT,
        /**
         * The JDK's objects that link what every program registers (a cleaner's registrations, a
         * security provider's services): counted, not followed, but searched.
         */
        SHARED
    }

    /**
     * @param kind       how its instances are treated
     * @param references the offsets of their reference fields, their superclasses' included
     */
    private record Layout(Kind kind, long[] references) {
    }

    private Layout layout(Class<?> type) {
        if (type.isArray()) {
            return new Layout(type.getComponentType().isPrimitive() ? Kind.PRIMITIVES : Kind.ARRAY, NO_REFERENCES);
        }
        if (type == Class.class || type == Module.class || type == ModuleLayer.class || ownClasses.test(type)) {
            return new Layout(Kind.NEVER, NO_REFERENCES);
        }
        Kind kind;
        if (Thread.class.isAssignableFrom(type)) {
            kind = Kind.THREAD;
        } else if (ClassLoader.class.isAssignableFrom(type)) {
            kind = Kind.LOADER;
        } else if (ThreadGroup.class.isAssignableFrom(type)) {
            kind = Kind.GROUP;
        } else if (Hypervisor.isJdk(type.getClassLoader()) && (java.security.Provider.class.isAssignableFrom(type)
                || java.lang.ref.Reference.class.isAssignableFrom(type) && !type.getModule().isExported(type.getPackageName()))) {
            kind = Kind.SHARED;
        } else {
            kind = Kind.OBJECT;
        }
        return new Layout(kind, instanceReferences(type));
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
