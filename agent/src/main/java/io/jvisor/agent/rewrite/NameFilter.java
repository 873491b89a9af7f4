package io.jvisor.agent.rewrite;

import org.objectweb.asm.ClassReader;

import java.util.Collection;

/**
 * A set of internal names asked of constant-pool strings by a few of their bytes, without
 * decoding them: most of the classes a class refers to are none of the few the prescan looks for,
 * and decoding each name to ask a {@code Set}, or hashing all its bytes, cost most of the prescan.
 * A "no" is sure; a "maybe" is to be checked on the decoded name. Names must be ASCII, whose
 * bytes in a class file are their chars. Immutable.
 */
final class NameFilter {

    private static final int BITS = 4096;

    private final long[] bits = new long[BITS / 64];

    NameFilter(Collection<String> names) {
        for (String name : names) {
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 0 && c < 0x80)) {
                throw new IllegalArgumentException("not an ASCII name: " + name);
            }
            int n = name.length();
            int slot = slot(n, name.charAt(n / 2), name.charAt(n - 1), n > 1 ? name.charAt(n - 2) : 0);
            bits[slot >>> 6] |= 1L << slot;
        }
    }

    /** Whether the {@code CONSTANT_Utf8} entry whose content starts at {@code utf8} may be one of the names. */
    boolean mayContain(ClassReader reader, int utf8) {
        int n = reader.readUnsignedShort(utf8);
        if (n == 0) {
            return false;
        }
        int slot = slot(n, reader.readByte(utf8 + 2 + n / 2), reader.readByte(utf8 + 1 + n), n > 1 ? reader.readByte(utf8 + n) : 0);
        return (bits[slot >>> 6] & 1L << slot) != 0;
    }

    /** Whether the {@code CONSTANT_Utf8} entry whose content starts at {@code utf8} starts with an ASCII prefix. */
    static boolean startsWith(ClassReader reader, int utf8, String prefix) {
        if (reader.readUnsignedShort(utf8) < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (reader.readByte(utf8 + 2 + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The content offset of the name of the {@code CONSTANT_Class} entry with this index. */
    static int classNameAt(ClassReader reader, int classIndex) {
        return reader.getItem(reader.readUnsignedShort(reader.getItem(classIndex)));
    }

    /** A few bytes, not all: hashing whole names cost as much as decoding them. */
    private static int slot(int length, int middle, int last, int beforeLast) {
        int hash = ((length * 31 + middle) * 31 + last) * 31 + beforeLast;
        return (hash ^ hash >>> 12) & BITS - 1;
    }
}
