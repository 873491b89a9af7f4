package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A guest's watch service: the host's, watching the host directories that the guest's directories
 * are on its disk, through keys that name the guest's paths (a key's watchable is the path the
 * guest registered, an event's context a name of the guest's file system). Thread-safe, as the
 * host's is.
 */
final class GuestWatchService implements WatchService {

    private final GuestFileSystem fileSystem;
    private final WatchService host;
    private final Map<WatchKey, Key> keys = new ConcurrentHashMap<>();

    GuestWatchService(GuestFileSystem fileSystem, WatchService host) {
        this.fileSystem = fileSystem;
        this.host = host;
    }

    GuestFileSystem fileSystem() {
        return fileSystem;
    }

    /** The host's watch service, which watches the host directories. */
    WatchService host() {
        return host;
    }

    /** The guest's key of a host key made for a guest directory: one key a directory, as the host's. */
    WatchKey registered(GuestPath dir, WatchKey hostKey) {
        return keys.computeIfAbsent(hostKey, k -> new Key(k, dir));
    }

    private Key guestKey(WatchKey hostKey) {
        return hostKey == null ? null : keys.get(hostKey);
    }

    @Override
    public void close() throws IOException {
        host.close();
    }

    @Override
    public WatchKey poll() {
        return guestKey(host.poll());
    }

    @Override
    public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
        return guestKey(host.poll(timeout, unit));
    }

    @Override
    public WatchKey take() throws InterruptedException {
        return guestKey(host.take());
    }

    /** A key of the guest's: the host's, for the directory the guest registered. */
    private final class Key implements WatchKey {

        private final WatchKey host;
        private final GuestPath dir;

        Key(WatchKey host, GuestPath dir) {
            this.host = host;
            this.dir = dir;
        }

        @Override
        public boolean isValid() {
            return host.isValid();
        }

        @Override
        public List<WatchEvent<?>> pollEvents() {
            List<WatchEvent<?>> events = new ArrayList<>();
            for (WatchEvent<?> e : host.pollEvents()) {
                if (e.context() instanceof Path name) {
                    @SuppressWarnings("unchecked") // an event whose context is a path is a WatchEvent<Path>
                    WatchEvent<Path> named = (WatchEvent<Path>) e;
                    events.add(new Event(named, fileSystem.getPath(name.toString())));
                } else {
                    events.add(e); // OVERFLOW: no context
                }
            }
            return events;
        }

        @Override
        public boolean reset() {
            return host.reset();
        }

        /** Kept in the map: a key signalled before it was cancelled is still handed out once. */
        @Override
        public void cancel() {
            host.cancel();
        }

        @Override
        public Watchable watchable() {
            return dir;
        }
    }

    /** An event of the host's whose context, a name in the watched directory, is the guest's. */
    private record Event(WatchEvent<Path> host, Path context) implements WatchEvent<Path> {

        @Override
        public Kind<Path> kind() {
            return host.kind();
        }

        @Override
        public int count() {
            return host.count();
        }
    }
}
