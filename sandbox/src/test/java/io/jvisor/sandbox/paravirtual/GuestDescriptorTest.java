package io.jvisor.sandbox.paravirtual;

import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The guest descriptor: what a guest asks for, and what the host grants it when it says nothing. */
class GuestDescriptorTest {

    @TempDir
    Path dir;

    private Path classes(String descriptor) throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/jvisor"));
        Files.writeString(classes.resolve(GuestDescriptor.RESOURCE), descriptor, StandardCharsets.ISO_8859_1);
        return classes;
    }

    private static GuestSpec.Builder guest(Path classPath) {
        return GuestSpec.builder().classPath(classPath);
    }

    private String refusal(String descriptor) throws IOException {
        Path classes = classes(descriptor);
        return assertThrows(IllegalArgumentException.class, () -> guest(classes).build()).getMessage();
    }

    @Test
    void whatTheHostDoesNotSayIsTakenFromTheDescriptor() throws IOException {
        GuestSpec spec = guest(classes("name=kv\nmain=guest.kv.KvStore\nmode=paravirtual\npreset=isolated\n"
                + "quota.cpuTimeMillis=2000\nquota.allocatedBytes=1073741824\nquota.liveHeapBytes=33554432\nquota.threads=2\n"
                + "quota.openFiles=16\nquota.diskBytes=1048576\nquota.outputBytes=1024\n")).build();
        assertEquals("kv", spec.name());
        assertEquals("guest.kv.KvStore", spec.mainClass());
        assertEquals(GuestSpec.Mode.PARAVIRTUAL, spec.mode());
        assertEquals("preset isolated", spec.policy().name());
        assertEquals(Map.of(Resource.CPU_TIME, Limit.hard(2_000_000_000L), Resource.ALLOCATED, Limit.hard(1L << 30),
                Resource.LIVE_HEAP, Limit.hard(32 << 20), Resource.THREADS, Limit.soft(2), Resource.OPEN_FILES, Limit.soft(16),
                Resource.DISK, Limit.soft(1 << 20), Resource.OUTPUT, Limit.soft(1024)), spec.quotas());
    }

    @Test
    void whatTheHostSaysOverridesTheDescriptor() throws IOException {
        GuestSpec spec = GuestSpec.builder("mine").classPath(classes("name=kv\nmain=g.Main\nmode=paravirtual\npreset=isolated\n"
                + "quota.threads=2\n")).mainClass("g.Other").mode(GuestSpec.Mode.FULL).policy(Policy.preset("untrusted"))
                .quota(Resource.THREADS, Limit.soft(8)).build();
        assertEquals("mine", spec.name());
        assertEquals("g.Other", spec.mainClass());
        assertEquals(GuestSpec.Mode.FULL, spec.mode());
        assertEquals("preset untrusted", spec.policy().name());
        assertEquals(Map.of(Resource.THREADS, Limit.soft(8)), spec.quotas());
    }

    @Test
    void aJarsDescriptorIsReadAndWithoutOneTheJarNamesTheGuest() throws IOException {
        Path jar = dir.resolve("kv-store.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(GuestDescriptor.RESOURCE));
            zip.write("main=g.Main\nmode=full\nname=store\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        assertEquals("store", guest(jar).build().name());
        Path plain = dir.resolve("plain app.jar");
        try (OutputStream out = Files.newOutputStream(plain); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.txt"));
        }
        GuestSpec spec = guest(plain).build();
        assertEquals("plain_app", spec.name());
        assertNull(spec.mainClass());
        assertEquals(GuestSpec.Mode.FULL, spec.mode());
        assertEquals("preset " + Policy.DEFAULT_PRESET, spec.policy().name());
    }

    @Test
    void aCorruptDescriptorIsOneErrorNamingTheFileAndTheKey() throws IOException {
        String file = dir.resolve("classes").resolve(GuestDescriptor.RESOURCE).toString();
        assertEquals(file + ": mode 'fast': not a mode (full, paravirtual or container)", refusal("main=g.Main\nmode=fast\n"));
        assertEquals(file + ": quota.threads '0': must be at least 1", refusal("main=g.Main\nmode=full\nquota.threads=0\n"));
        assertEquals(file + ": quota.diskBytes '1M': not a whole number that jvisor can count",
                refusal("main=g.Main\nmode=full\nquota.diskBytes=1M\n"));
        assertEquals(file + ": main: missing: jvisor's annotation processor always writes it", refusal("mode=full\n"));
        assertEquals(file + ": colour 'red': unknown key (known: main, mode, name, preset, quota.allocatedBytes, "
                + "quota.cpuTimeMillis, quota.diskBytes, quota.liveHeapBytes, quota.openFiles, quota.outputBytes, quota.threads)",
                refusal("main=g.Main\nmode=full\ncolour=red\n"));
        assertEquals(file + ": name 'my guest': guest name 'my guest' must be 1 to 64 letters, digits, '.', '_' or '-', the first not a dot",
                refusal("main=g.Main\nmode=full\nname=my guest\n"));
        // the name of its default disk's directory: '..' was ~/.jvisor, every other guest's disk below it (audit 20)
        for (String dots : new String[] {"..", ".", ".hidden"}) {
            assertEquals(file + ": name '" + dots + "': guest name '" + dots + "' must be 1 to 64 letters, digits, '.', '_' or '-', "
                    + "the first not a dot", refusal("main=g.Main\nmode=full\nname=" + dots + "\n"));
        }
    }

    @Test
    void aDescriptorThatContradictsItselfIsRefused() throws IOException {
        assertEquals(dir.resolve("classes").resolve(GuestDescriptor.RESOURCE) + ": quota.diskBytes '1024': a disk quota, but preset"
                + " trusted works on the host's files, not on a disk",
                refusal("main=g.Main\nmode=full\npreset=trusted\nquota.diskBytes=1024\n"));
    }

    @Test
    void aGuestTheHostPutsOnItsOwnFilesHasNoDiskQuotaFromItsDescriptor() throws IOException {
        Path classes = classes("main=g.Main\nmode=paravirtual\nquota.threads=2\nquota.diskBytes=1024\n");
        assertEquals(Map.of(Resource.THREADS, Limit.soft(2)), guest(classes).policy(Policy.preset("trusted")).build().quotas());
        assertEquals(Map.of(Resource.THREADS, Limit.soft(2), Resource.DISK, Limit.soft(1024)), guest(classes).build().quotas());
    }

    @Test
    void moreTrustAndAContainerAreTheHostsToGrant() throws IOException {
        String asksTrust = "main=g.Main\nmode=full\npreset=trusted\n";
        assertEquals(dir.resolve("classes").resolve(GuestDescriptor.RESOURCE) + ": preset 'trusted': the guest asks for more trust"
                + " than jvisor gives by default (constrained): grant it with --preset trusted, or give another --preset or --policy",
                refusal(asksTrust));
        assertEquals("preset trusted", guest(classes(asksTrust)).policy(Policy.preset("trusted")).build().policy().name());

        String asksContainer = "main=g.Main\nmode=container\n";
        assertEquals(dir.resolve("classes").resolve(GuestDescriptor.RESOURCE) + ": mode 'container': a container rewrites none"
                + " of the guest's classes: grant it with --mode container, or give another --mode", refusal(asksContainer));
        assertEquals(GuestSpec.Mode.FULL, guest(classes(asksContainer)).mode(GuestSpec.Mode.FULL).build().mode());
    }
}
