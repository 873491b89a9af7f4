package io.jvisor.sandbox.policy;

import java.util.Objects;

/**
 * A policy's {@code ring N package NAME} or {@code ring N jar PATH}: puts a guest's own classes of
 * a package (and the packages below it) or of a class path entry into a ring.
 *
 * @param ring   1 to {@link Policy#GUEST_RING}
 * @param jar    {@code true} for a class path entry, {@code false} for a package
 * @param name   the package, e.g. {@code com.example.host}, or the entry: a file name such as
 *               {@code host.jar}, or a path that the entry's path ends with
 * @param source where it was written: a file name, or {@code preset NAME}
 * @param line   the line number in that source
 */
public record RingAssignment(int ring, boolean jar, String name, String source, int line) {

    public RingAssignment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (ring < 1 || ring > Policy.GUEST_RING) {
            throw new IllegalArgumentException("ring " + ring + " is no guest ring (1 to " + Policy.GUEST_RING + ")");
        }
    }

    /**
     * Whether this assignment covers a class.
     *
     * @param className the class's binary name
     * @param entry     the path of the class path entry it came from ({@code /app/lib/host.jar},
     *                  {@code /app/classes}), or {@code ""} if unknown
     */
    public boolean matches(String className, String entry) {
        if (!jar) {
            return className.startsWith(name + ".");
        }
        String path = trimSlash(entry);
        String wanted = trimSlash(name.startsWith("./") ? name.substring(2) : name);
        return !wanted.isEmpty() && (path.equals(wanted) || path.endsWith("/" + wanted));
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The statement as written, e.g. {@code ring 1 package com.example.host}. */
    public String text() {
        return "ring " + ring + (jar ? " jar " : " package ") + name;
    }

    /** The statement and where it was written, e.g. {@code 'ring 1 jar host.jar' (plugins.policy:2)}. */
    public String describe() {
        return "'" + text() + "' (" + source + ":" + line + ")";
    }
}
