package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.io.File;

/**
 * Woven where the JDK opens or changes files: the constructors of the file streams and
 * {@code RandomAccessFile}, {@code java.io}'s file system, and the default {@code java.nio.file}
 * provider. A file a guest reaches there without its trap (JDK code given a guest's file name, a
 * method handle, a class never rewritten) is its file: the hypervisor puts it on the guest's disk
 * or refuses it; the host's files stay the host's. Each advice replaces the file argument.
 */
final class FileGuard {

    private FileGuard() {
    }

    /** On {@code FileInputStream(File)}. */
    static final class Open {

        private Open() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) File file) throws java.io.IOException {
            file = Guards.fileAccess(file, false);
        }
    }

    /** On {@code FileOutputStream(File, boolean)}: a file the JDK opens for a guest on its disk has its writes metered. */
    static final class OpenForWriting {

        private OpenForWriting() {
        }

        @Advice.OnMethodEnter
        static Object enter(@Advice.Argument(value = 0, readOnly = false) File file, @Advice.Argument(1) boolean append)
                throws java.io.IOException {
            file = Guards.fileAccess(file, true);
            return Guards.fileWriteMeter(file, !append);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object stream, @Advice.Enter Object meter) {
            if (meter != null) {
                Guards.fileWriteMetered(stream, meter);
            }
        }
    }

    /**
     * On the writes of {@code FileOutputStream} and {@code RandomAccessFile} of one byte
     * ({@code write(int)}): counted against the quota of a metered file's disk; each class below
     * for another way of telling the length. The exit, {@link Written}, gives back what a failed
     * write reserved.
     */
    static final class WriteByte {

        private WriteByte() {
        }

        @Advice.OnMethodEnter
        static long enter(@Advice.This Object file) throws java.io.IOException {
            return Guards.fileWriting(file, 1, true);
        }
    }

    /** On {@code write(byte[])}. */
    static final class WriteArray {

        private WriteArray() {
        }

        @Advice.OnMethodEnter
        static long enter(@Advice.This Object file, @Advice.Argument(0) byte[] bytes) throws java.io.IOException {
            return bytes == null ? 0 : Guards.fileWriting(file, bytes.length, true);
        }
    }

    /** On {@code write(byte[], int, int)}. */
    static final class WriteRange {

        private WriteRange() {
        }

        @Advice.OnMethodEnter
        static long enter(@Advice.This Object file, @Advice.Argument(2) int length) throws java.io.IOException {
            return Guards.fileWriting(file, Math.max(0, length), true);
        }
    }

    /** On {@code RandomAccessFile}'s final {@code writeBytes(String)}: a byte a character. */
    static final class WriteString {

        private WriteString() {
        }

        @Advice.OnMethodEnter
        static long enter(@Advice.This Object file, @Advice.Argument(0) String text) throws java.io.IOException {
            return text == null ? 0 : Guards.fileWriting(file, text.length(), false);
        }
    }

    /** On {@code RandomAccessFile}'s final {@code writeChars(String)}: two bytes a character. */
    static final class WriteChars {

        private WriteChars() {
        }

        @Advice.OnMethodEnter
        static long enter(@Advice.This Object file, @Advice.Argument(0) String text) throws java.io.IOException {
            return text == null ? 0 : Guards.fileWriting(file, 2L * text.length(), false);
        }
    }

    /** The exit of the writes' advice: a write that failed gives back what it reserved. */
    static final class Written {

        private Written() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object file, @Advice.Enter long reserved, @Advice.Thrown Throwable thrown) {
            if (thrown != null && reserved > 0) {
                Guards.fileWriteFailed(file, reserved);
            }
        }
    }

    /**
     * On the private {@code open} methods of the file streams and {@code RandomAccessFile}, and on
     * the provider's methods: the exception of a failed operation names guest paths.
     */
    static final class Failure {

        private Failure() {
        }

        @Advice.OnMethodExit(onThrowable = java.io.IOException.class)
        static void exit(@Advice.Thrown(readOnly = false) Throwable thrown) {
            if (thrown != null) {
                thrown = Guards.fileFailed(thrown);
            }
        }
    }

    /** On {@code FileInputStream(FileDescriptor)} and {@code FileOutputStream(FileDescriptor)}. */
    static final class Descriptor {

        private Descriptor() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) java.io.FileDescriptor fd) {
            Guards.descriptorOpening(fd);
        }
    }

    /** The exit of {@link Descriptor} on {@code FileOutputStream(FileDescriptor)}: a stream of a metered file's descriptor is metered. */
    static final class DescriptorShared {

        private DescriptorShared() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object stream, @Advice.Argument(0) java.io.FileDescriptor fd) {
            Guards.fileDescriptorShared(stream, fd);
        }
    }

    /** Left by {@code getChannel()} of {@code FileOutputStream} and {@code RandomAccessFile}: a metered file's channel meters its writes. */
    static final class MeteredChannel {

        private MeteredChannel() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object file, @Advice.Return(readOnly = false) java.nio.channels.FileChannel channel) {
            channel = Guards.fileChannel(file, channel);
        }
    }

    /** On {@code RandomAccessFile(File, String)}: a mode with {@code w} writes, metered as a file stream's. */
    static final class RandomAccess {

        private RandomAccess() {
        }

        @Advice.OnMethodEnter
        static Object enter(@Advice.Argument(value = 0, readOnly = false) File file, @Advice.Argument(1) String mode)
                throws java.io.IOException {
            boolean write = mode != null && mode.indexOf('w') >= 0;
            file = Guards.fileAccess(file, write);
            return write ? Guards.fileWriteMeter(file, false) : null;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object file, @Advice.Enter Object meter) {
            if (meter != null) {
                Guards.fileWriteMetered(file, meter);
            }
        }
    }

    /** On the methods of {@code java.io}'s file system that read a file's attributes or a directory. */
    static final class Query {

        private Query() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) File file) {
            file = Guards.fileQuery(file, false);
        }
    }

    /**
     * On the methods of {@code java.io.File} that call a native method of {@code java.io}'s file
     * system (JDK 17 to 20), where no advice can enter: the method runs again on the file the guard
     * gives, which is the same where no guest asks.
     */
    static final class OverNative {

        private OverNative() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static File enter(@Advice.This File file, @Advice.Origin("#m") String method) {
            return Guards.fileOverNative(file, method);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter File instead, @Advice.Origin("#m") String method, @Advice.AllArguments Object[] arguments,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result) throws java.io.IOException {
            if (instead != null) {
                result = Guards.fileMethodOn(instead, method, arguments);
            }
        }
    }

    /**
     * Entered at {@code File.createNewFile()} and {@code File.deleteOnExit()}, whose file no guard
     * of the file system sees ({@link Guards#FILE_CHANGES_BY_NAME}), with {@link OverNative}'s
     * exit: the method runs again on the file the guard gives, which is the same where no guest asks.
     */
    static final class ByName {

        private ByName() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static File enter(@Advice.This File file) {
            return Guards.fileByName(file);
        }
    }

    /**
     * Where {@code Files.createTempFile} and {@code createTempDirectory} choose their directory:
     * for none, a guest's temporary directory rather than the JVM's.
     */
    static final class TemporaryDirectory {

        private TemporaryDirectory() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object directory) {
            if (directory == null) {
                directory = Guards.temporaryDirectory();
            }
        }
    }

    /**
     * On {@code File.createTempFile(prefix, suffix, directory)}, whose creation no guard of the
     * file system sees: a guest's file is made where its disk puts it, the JDK's code skipped.
     */
    static final class TemporaryFile {

        private TemporaryFile() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static File enter(@Advice.Argument(0) String prefix, @Advice.Argument(1) String suffix, @Advice.Argument(2) File directory)
                throws java.io.IOException {
            return Guards.temporaryFileCreating(prefix, suffix, directory);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter File made, @Advice.Return(readOnly = false) File file) {
            if (made != null) {
                file = made;
            }
        }
    }

    /** On the methods of {@code java.io}'s file system that change a file (delete, create, set times and permissions). */
    static final class Change {

        private Change() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) File file) {
            file = Guards.fileQuery(file, true);
        }
    }

    /**
     * The exit of {@link Change} on {@code java.io}'s {@code delete} and {@code createDirectory},
     * and of {@link Rename}: what the JDK changed for a guest on its disk past its meter (a logging
     * {@code FileHandler}'s rotation deletes and renames) is counted again.
     */
    static final class Changed {

        private Changed() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.AllArguments Object[] files, @Advice.Return boolean changed) {
            if (changed) {
                Guards.fileChanged((File) files[0], files.length > 1 ? (File) files[1] : null);
            }
        }
    }

    /** On {@code java.io}'s {@code rename(File, File)}: both names change. */
    static final class Rename {

        private Rename() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) File from,
                @Advice.Argument(value = 1, readOnly = false) File to) {
            from = Guards.fileQuery(from, true);
            to = Guards.fileQuery(to, true);
        }
    }

    /** On a provider method whose first argument is a path it reads (attributes, directory streams, access checks). */
    static final class ReadPath {

        private ReadPath() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object path)
                throws java.io.IOException {
            path = Guards.pathAccess((java.nio.file.Path) path, false);
        }
    }

    /**
     * On a provider method whose first argument is a path it changes (delete, create, move, set
     * attributes). A change on a path of the JDK's own making put on a guest's disk (a logging
     * {@code FileHandler} deletes its lock file) passed no meter of its quota: the disk is
     * counted again.
     */
    static final class WritePath {

        private WritePath() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object path)
                throws java.io.IOException {
            Object given = path;
            path = Guards.pathAccess((java.nio.file.Path) path, true);
            return path != given;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean elsewhere) {
            if (elsewhere) {
                Guards.jdkPathChanged();
            }
        }
    }

    /** On {@code createSymbolicLink}: its second argument is what the link holds, decided as {@link Guards#linkTarget} says. */
    static final class LinkTarget {

        private LinkTarget() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object target)
                throws java.io.IOException {
            target = Guards.linkTarget((java.nio.file.Path) target);
        }
    }

    /** On a provider method whose second argument is a path it reads (the other file of isSameFile or of a hard link). */
    static final class ReadSecondPath {

        private ReadSecondPath() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object path)
                throws java.io.IOException {
            path = Guards.pathAccess((java.nio.file.Path) path, false);
        }
    }

    /** On a provider method whose second argument is a path it writes (the target of copy and move). */
    static final class WriteSecondPath {

        private WriteSecondPath() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object path)
                throws java.io.IOException {
            path = Guards.pathAccess((java.nio.file.Path) path, true);
        }
    }

    /** On a provider method that declares no {@code IOException} and reads its path ({@code exists}, {@code isDirectory} ...). */
    static final class QueryPath {

        private QueryPath() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object path) {
            path = Guards.pathQuery((java.nio.file.Path) path, false);
        }
    }

    /** On {@code getSunPathForSocketFile}: the file of a Unix domain socket, which a bind creates. */
    static final class SocketFile {

        private SocketFile() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object path) {
            path = Guards.pathQuery((java.nio.file.Path) path, true);
        }
    }

    /** Left by {@code UnixPath.toAbsolutePath()}: a relative path made absolute against the guest's working directory. */
    static final class AbsolutePath {

        private AbsolutePath() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This java.nio.file.Path self,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) java.nio.file.Path absolute) {
            if (!self.isAbsolute()) {
                absolute = Guards.absolutePath(self, absolute);
            }
        }
    }

    /** At {@code UnixPath.toRealPath}: on a guest's behalf, the real path on its disk, without the kernel's resolving the guest path. */
    static final class RealPath {

        private RealPath() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static java.nio.file.Path enter(@Advice.This java.nio.file.Path self, @Advice.Argument(0) java.nio.file.LinkOption[] options)
                throws java.io.IOException {
            return Guards.realPath(self, options);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter java.nio.file.Path own, @Advice.Return(readOnly = false) java.nio.file.Path real) {
            if (own != null) {
                real = own;
            }
        }
    }

    /** Left by {@code java.io}'s {@code resolve(File)}: the same for a {@code File}. */
    static final class AbsoluteFile {

        private AbsoluteFile() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) File file, @Advice.Return(readOnly = false) String absolute) {
            if (!file.isAbsolute()) {
                absolute = Guards.absolutePath(file.getPath(), absolute);
            }
        }
    }

    /** On {@code UnixDomainSocketAddress.of(Path)}: a guest's path, of its own file system, as one of the JDK's default. */
    static final class SocketPath {

        private SocketPath() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) java.nio.file.Path path) {
            path = Guards.socketPathGiven(path);
        }
    }

    /** Left by {@code UnixDomainSockets.localAddress(FileDescriptor)}: the file a socket is bound to, as a guest path. */
    static final class SocketAddressShown {

        private SocketAddressShown() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) java.net.UnixDomainSocketAddress address) {
            address = Guards.socketAddressShown(address);
        }
    }

    /** Left by {@code UnixDomainSockets.accept(FileDescriptor, FileDescriptor, String[])}: the peer's file, as a guest path. */
    static final class SocketPeerShown {

        private SocketPeerShown() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(2) String[] paths) {
            Guards.socketPeerShown(paths);
        }
    }

    /**
     * On {@code newByteChannel}, {@code newFileChannel}, {@code newAsynchronousFileChannel}: the
     * options say whether it writes. A path of the JDK's own making put on a guest's disk (a
     * logging {@code FileHandler}'s lock file, ImageIO's cache file) has the name of the file the
     * channel creates counted by the disk's quota, as the guest's own opening has; left by
     * {@link NameMade}.
     */
    static final class Channel {

        private Channel() {
        }

        @Advice.OnMethodEnter
        static Runnable enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object path,
                @Advice.Argument(1) java.util.Set<?> options) throws java.io.IOException {
            Object given = path;
            path = Guards.channelOpening((java.nio.file.Path) path, options);
            return path == given ? null : Guards.channelNameReserved((java.nio.file.Path) path, options);
        }
    }

    /**
     * On {@code UnixDomainSockets.bind(FileDescriptor, Path)}: the socket's file counts its name on
     * a guest's disk, as a file's does; left by {@link NameMade}.
     */
    static final class SocketBind {

        private SocketBind() {
        }

        @Advice.OnMethodEnter
        static Runnable enter(@Advice.Argument(1) java.nio.file.Path path) throws java.io.IOException {
            return Guards.socketNameReserved(path);
        }
    }

    /** Left by a method whose entry reserved room for the name of a file it makes: given back if it failed. */
    static final class NameMade {

        private NameMade() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Runnable giveBack, @Advice.Thrown Throwable thrown) {
            if (giveBack != null && thrown != null) {
                giveBack.run();
            }
        }
    }

    /**
     * Left by {@code JarFileFactory.urlKey(URL)}, the key of the JDK's JVM-wide cache of the jar
     * files that jar: URLs open: a guest's jars are kept under keys of its own, since the same URL
     * names a file of its own disk.
     */
    static final class JarCache {

        private JarCache() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) String key) {
            key = Guards.jarCacheKey(key);
        }
    }
}
