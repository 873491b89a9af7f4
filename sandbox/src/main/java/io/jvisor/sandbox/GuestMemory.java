package io.jvisor.sandbox;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A guest's own memory, as {@code sun.misc.Unsafe} reaches it: the fields of its own classes (of
 * their objects, and their statics), the elements of arrays, and the native memory it allocated
 * and has not freed. An access is in it when it reads or writes one whole field of a matching type
 * (a reference as a reference, a primitive as a primitive of its width), or lies within an
 * array's elements (a reference array's as references, whole elements), or within a block of its
 * native memory. Anything else (a field of the JDK's or jvisor's, a guessed offset, an address
 * outside its blocks) is no memory of its own: the caller decides it by its policy.
 *
 * <p>A guest holds at most as much native memory as the JVM's maximum heap, as the JDK limits
 * direct buffers by default; what it holds counts toward its live heap.
 *
 * <p>Native memory is kept allocated while an access checked to lie in it runs: each such access
 * holds the read lock, a free or reallocation the write lock, so that no thread of the guest frees
 * a block under another's access. Thread-safe.
 */
final class GuestMemory {

    private static final sun.misc.Unsafe UNSAFE = theUnsafe();
    /** The width of a reference in an array, as arrays hold them. */
    private static final int REFERENCE = UNSAFE.arrayIndexScale(Object[].class);

    /**
     * The fields of one layout, by offset: sorted offsets, with the type letter of each and the
     * guest of its declaring class ({@code null}: the JDK's, jvisor's, the host's).
     */
    private record Fields(long[] offsets, char[] types, Class<?>[] classes, Guest[] owners) {

        static Fields of(List<Field> fields, boolean statics, Function<Class<?>, Guest> owners) {
            List<Field> laid = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            for (Field f : fields) {
                try {
                    at.add(statics ? UNSAFE.staticFieldOffset(f) : UNSAFE.objectFieldOffset(f));
                    laid.add(f);
                } catch (UnsupportedOperationException e) {
                    // a record's or hidden class's field, whose offset sun.misc.Unsafe gives no one
                }
            }
            Integer[] order = new Integer[laid.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Long.compare(at.get(a), at.get(b)));
            long[] offsets = new long[order.length];
            char[] types = new char[order.length];
            Class<?>[] classes = new Class<?>[order.length];
            Guest[] guests = new Guest[order.length];
            for (int i = 0; i < order.length; i++) {
                Field f = laid.get(order[i]);
                offsets[i] = at.get(order[i]);
                types[i] = f.getType().isPrimitive() ? f.getType().descriptorString().charAt(0) : 'L';
                classes[i] = f.getType();
                guests[i] = owners.apply(f.getDeclaringClass());
            }
            return new Fields(offsets, types, classes, guests);
        }

        /** The index of the field at {@code offset}, or -1. */
        int at(long offset) {
            int i = Arrays.binarySearch(offsets, offset);
            return i < 0 ? -1 : i;
        }

        /** The index of the last field at or before {@code offset}, or -1. */
        int floor(long offset) {
            int i = Arrays.binarySearch(offsets, offset);
            return i >= 0 ? i : -i - 2;
        }
    }

    /**
     * The heap as the checks see it: the fields of each class by offset, with their guests, whose
     * classes are theirs for good (so a class's table is made once).
     */
    static final class Heap {

        /** A class's instance fields, its superclasses' included. */
        private final ClassValue<Fields> instanceFields;
        /** A class's own static fields, which lie in its {@code Class} object. */
        private final ClassValue<Fields> staticFields;

        /** @param owners the guest a class belongs to, for good; {@code null} for none */
        Heap(Function<Class<?>, Guest> owners) {
            instanceFields = new ClassValue<>() {
                @Override
                protected Fields computeValue(Class<?> type) {
                    List<Field> fields = new ArrayList<>();
                    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                        fields.addAll(declared(c, false));
                    }
                    return Fields.of(fields, false, owners);
                }
            };
            staticFields = new ClassValue<>() {
                @Override
                protected Fields computeValue(Class<?> type) {
                    return Fields.of(declared(type, true), true, owners);
                }
            };
        }

        /**
         * Whether an access of one value of {@code type} at {@code offset} of {@code base}, an
         * object of the heap, lies in memory of {@code owner}, the guest of the calling class.
         */
        boolean owns(Guest owner, Object base, long offset, char type) {
            Class<?> c = base.getClass();
            if (c.isArray()) {
                return (c == boolean[].class) == (type == 'Z')
                        && inArray(c, Array.getLength(base), offset, type == 'L' ? REFERENCE : width(type), type == 'L');
            }
            Fields fields = fields(base);
            if (type == 'L') {
                int i = field(owner, fields, offset);
                return i >= 0 && fields.types()[i] == 'L';
            }
            // a primitive within one primitive field: the half of a long, as natively; a boolean only
            // as a boolean, which the JIT trusts to be 0 or 1 (a byte of 4 there drops bounds checks)
            int i = fields.floor(offset);
            char field = i < 0 ? 'L' : fields.types()[i];
            return field != 'L' && fields.owners()[i] == owner && owner != null && (field == 'Z') == (type == 'Z')
                    && offset - fields.offsets()[i] <= width(field) - width(type);
        }

        /**
         * Whether a store of the reference {@code value} at {@code offset} of {@code base} lies in
         * memory of {@code owner}'s and keeps the type its code reads there: {@code null} or of the
         * field's type, or of the array's component type.
         */
        boolean owns(Guest owner, Object base, long offset, Object value) {
            Class<?> c = base.getClass();
            if (c.isArray()) {
                return inArray(c, Array.getLength(base), offset, REFERENCE, true)
                        && (value == null || c.getComponentType().isInstance(value));
            }
            Fields fields = fields(base);
            int i = field(owner, fields, offset);
            return i >= 0 && fields.types()[i] == 'L' && (value == null || fields.classes()[i].isInstance(value));
        }

        /** The table of fields that {@code base}'s offsets index: its class's statics, or its instance fields. */
        private Fields fields(Object base) {
            return base instanceof Class<?> statics ? staticFields.get(statics) : instanceFields.get(base.getClass());
        }

        /** The index of the field of {@code owner}'s at {@code offset} in {@code fields}, or -1. */
        private static int field(Guest owner, Fields fields, long offset) {
            int i = fields.at(offset);
            return i < 0 || owner == null || fields.owners()[i] != owner ? -1 : i;
        }
    }

    /**
     * Whether an object of {@code type} may be allocated without a constructor's run, as natively
     * Objenesis does: not where the JDK could never have made one (a superclass whose constructors
     * only its own package may call, as a method handle's or a buffer's), nor a class loader, whose
     * constructor gives it what the JVM needs of it (the JVM fails on one without).
     */
    static boolean allocatable(Class<?> type) {
        return ALLOCATABLE.get(type);
    }

    private static final ClassValue<Boolean> ALLOCATABLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (ClassLoader.class.isAssignableFrom(type)) {
                return false;
            }
            for (Class<?> sub = type, sup = type.getSuperclass(); sup != null && sup != Object.class; sub = sup, sup = sup.getSuperclass()) {
                if (!constructible(sup, sub)) {
                    return false;
                }
            }
            return true;
        }
    };

    /** Whether {@code sub}'s constructors can call one of {@code sup}'s, its superclass's; not where they cannot be known. */
    private static boolean constructible(Class<?> sup, Class<?> sub) {
        try {
            return Arrays.stream(sup.getDeclaredConstructors()).anyMatch(c -> callable(c, sub));
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Whether the code of {@code type}'s constructors may call {@code constructor}: one of its own,
     * or a superclass's that is public, protected, or of its package and not private.
     */
    static boolean callable(Constructor<?> constructor, Class<?> type) {
        Class<?> declaring = constructor.getDeclaringClass();
        if (declaring == type) {
            return true;
        }
        int modifiers = constructor.getModifiers();
        boolean samePackage = declaring.getClassLoader() == type.getClassLoader() && declaring.getPackageName().equals(type.getPackageName());
        return !declaring.isInterface() && declaring.isAssignableFrom(type)
                && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers) || samePackage && !Modifier.isPrivate(modifiers));
    }

    /** A class's own fields, static or not; none where a field's type cannot be loaded (then none is reached). */
    private static List<Field> declared(Class<?> type, boolean statics) {
        try {
            return Arrays.stream(type.getDeclaredFields()).filter(f -> Modifier.isStatic(f.getModifiers()) == statics).toList();
        } catch (LinkageError e) {
            return List.of();
        }
    }

    /** The guest's blocks of native memory: start, size. */
    private final TreeMap<Long, Long> blocks = new TreeMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The bytes of its blocks and of those being allocated; under the write lock. */
    private long bytes;

    /**
     * Whether {@code bytes} bytes at {@code offset} of {@code base} lie within a primitive array's
     * elements, where they are read, or written with {@code booleans} (each byte 0 or 1): a boolean
     * array's bytes are written only so.
     */
    static boolean inPrimitiveArray(Object base, long offset, long bytes, boolean written, boolean booleans) {
        Class<?> c = base.getClass();
        return c.isArray() && c.getComponentType().isPrimitive() && (!written || booleans || c != boolean[].class)
                && inArray(c, Array.getLength(base), offset, bytes, false);
    }

    /** An array class's base offset and scale, which the JDK gives by a call the JIT does not fold for a class it does not know. */
    private static final ClassValue<long[]> ARRAY_LAYOUT = new ClassValue<>() {
        @Override
        protected long[] computeValue(Class<?> type) {
            return new long[] {UNSAFE.arrayBaseOffset(type), UNSAFE.arrayIndexScale(type)};
        }
    };

    private static boolean inArray(Class<?> type, int length, long offset, long bytes, boolean references) {
        if (type.getComponentType().isPrimitive() == references) {
            return false;
        }
        long[] layout = ARRAY_LAYOUT.get(type);
        long base = layout[0];
        long scale = layout[1];
        long end = base + length * scale;
        return offset >= base && bytes >= 0 && offset <= end - bytes && (!references || (offset - base) % scale == 0);
    }

    /** The width of a primitive of {@code type}, a descriptor's letter. */
    static int width(char type) {
        return switch (type) {
            case 'Z', 'B' -> 1;
            case 'C', 'S' -> 2;
            case 'I', 'F' -> 4;
            case 'J', 'D' -> 8;
            default -> throw new IllegalArgumentException("no primitive type " + type);
        };
    }

    /**
     * The read lock, held, if {@code bytes} bytes at {@code address} lie within one block of the
     * guest's native memory; else {@code null}, nothing held.
     */
    Lock holding(long address, long bytes) {
        Lock read = lock.readLock();
        read.lock();
        Map.Entry<Long, Long> block = blocks.floorEntry(address);
        if (bytes >= 0 && block != null && address - block.getKey() <= block.getValue() - bytes) {
            return read;
        }
        read.unlock();
        return null;
    }

    /**
     * Counts {@code size} bytes the guest is to allocate, where its native memory stays within
     * {@code limit}.
     *
     * @return whether it does (else nothing is counted)
     */
    boolean reserve(long size, long limit) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (size > 0 && size > limit - bytes) {
                return false;
            }
            bytes += Math.max(0, size);
            return true;
        } finally {
            write.unlock();
        }
    }

    /** Records the block {@link #reserve} counted, or, where {@code address} is 0 (none was allocated), counts it no longer. */
    void allocated(long address, long size) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (address == 0) {
                bytes -= Math.max(0, size);
            } else {
                blocks.put(address, size);
            }
        } finally {
            write.unlock();
        }
    }

    /** The bytes of native memory the guest holds. */
    long bytes() {
        Lock read = lock.readLock();
        read.lock();
        try {
            return bytes;
        } finally {
            read.unlock();
        }
    }

    /**
     * The write lock, held, once the block at {@code address} (which must start one, or be 0) is
     * no longer the guest's; {@code null}, nothing held, if it starts none.
     */
    Lock freeing(long address) {
        Lock write = lock.writeLock();
        write.lock();
        Long size = address == 0 ? Long.valueOf(0) : blocks.remove(address);
        if (size != null) {
            bytes -= size;
            return write;
        }
        write.unlock();
        return null;
    }

    /**
     * The write lock, held, where the block at {@code address} (which must start one, or be 0) is
     * to be reallocated; {@code null}, nothing held, if it starts none. The block stays the guest's
     * until {@link #reallocated}.
     */
    Lock resizing(long address) {
        Lock write = lock.writeLock();
        write.lock();
        if (address == 0 || blocks.containsKey(address)) {
            return write;
        }
        write.unlock();
        return null;
    }

    /**
     * Records the reallocation of the block at {@code address} (or of none, for 0) to {@code size}
     * bytes at {@code moved} (0: freed, for a size of 0), which {@link #reserve} counted; or, where
     * {@code moved} is -1 (it failed), counts the reservation no longer and keeps the block.
     */
    void reallocated(long address, long moved, long size) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (moved != -1 && address != 0) {
                bytes -= blocks.remove(address);
            }
            if (moved == -1 || moved == 0) {
                bytes -= Math.max(0, size);
            } else {
                blocks.put(moved, size);
            }
        } finally {
            write.unlock();
        }
    }

    private static sun.misc.Unsafe theUnsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK has no sun.misc.Unsafe.theUnsafe", e);
        }
    }
}
