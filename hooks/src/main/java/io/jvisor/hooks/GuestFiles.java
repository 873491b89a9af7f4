package io.jvisor.hooks;

import java.io.File;
import java.io.FileFilter;
import java.io.FileNotFoundException;
import java.io.FilenameFilter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;

/** What the file traps of {@link Traps} share: the guest's file mapped to the host's, and back. */
final class GuestFiles {

    private GuestFiles() {
    }

    /**
     * The host file for a guest's access that returns no {@code IOException}: a refusal is a
     * SecurityException. {@code null} for a write to a read-only part of the disk, which the call
     * fails as on a read-only file system (returns {@code false}).
     */
    static File host(File file, boolean write, Class<?> caller) {
        try {
            return Traps.handler().hostFile(file, write, caller);
        } catch (AccessDeniedException e) {
            throw new SecurityException(e.getMessage());
        }
    }

    /** The host file for an open: a refusal is the {@code FileNotFoundException} the JDK gives for a locked file. */
    static File forOpen(File file, boolean write, Class<?> caller) throws FileNotFoundException {
        try {
            File host = Traps.handler().hostFile(file, write, caller);
            if (host == null) {
                throw new FileNotFoundException(file.getPath() + " (Read-only file system)");
            }
            return host;
        } catch (AccessDeniedException e) {
            throw new FileNotFoundException(e.getFile() + " (" + e.getReason() + ")");
        }
    }

    /** The guest's view of a host file the trap produced: refused if it lies outside the guest's disk. */
    static File guest(File host, Class<?> caller) throws IOException {
        File guest = Traps.handler().guestFile(host, caller);
        if (guest == null) {
            throw new AccessDeniedException(host.getName(), null, "resolves outside the guest's disk");
        }
        return guest;
    }

    static <E extends IOException> E mapped(E e, Class<E> type, Class<?> caller) {
        IOException m = Traps.handler().guestException(e, caller);
        return type.isInstance(m) ? type.cast(m) : e;
    }

    /** The names in a guest's directory, filtered as the JDK filters them but with the guest's File. */
    static String[] list(File dir, FilenameFilter filter, Class<?> caller) {
        String[] names = host(dir, false, caller).list();
        if (names == null || filter == null) {
            return names;
        }
        List<String> kept = new ArrayList<>();
        for (String name : names) {
            if (filter.accept(dir, name)) {
                kept.add(name);
            }
        }
        return kept.toArray(new String[0]);
    }

    static File[] listFiles(File dir, FilenameFilter names, FileFilter files, Class<?> caller) {
        String[] list = list(dir, names, caller);
        if (list == null) {
            return null;
        }
        List<File> kept = new ArrayList<>();
        for (String name : list) {
            File f = new File(dir, name);
            if (files == null || files.accept(f)) {
                kept.add(f);
            }
        }
        return kept.toArray(new File[0]);
    }

    /** A charset by name as the JDK's file constructors look it up: an unknown one is UnsupportedEncodingException. */
    static Charset charset(String name) throws java.io.UnsupportedEncodingException {
        if (name == null) {
            throw new NullPointerException("charsetName");
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new java.io.UnsupportedEncodingException(name);
        }
    }

    static File named(String name) {
        if (name == null) {
            throw new NullPointerException();
        }
        return new File(name);
    }
}
