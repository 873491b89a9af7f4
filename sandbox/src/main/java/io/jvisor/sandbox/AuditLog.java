package io.jvisor.sandbox;

import io.jvisor.agent.internal.Json;
import io.jvisor.sandbox.policy.Decision;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a guest's policy decisions are written, one JSON object a line:
 * <pre>
 *   {"time": "2026-11-24T23:30:00.123Z", "guest": "app", "class": "com.example.Main", "method": "main",
 *    "line": 12, "ring": 3, "operation": "process", "argument": "rm", "decision": "deny",
 *    "rule": "'deny process' (preset constrained:6)"}
 * </pre>
 * By default only denials; {@link #open(Path, boolean) every decision} on request. The site is the
 * first frame of the calling thread outside the JDK and jvisor: the guest's call; its ring is the
 * calling class's (see {@link io.jvisor.sandbox.policy.Policy}). Thread-safe; a
 * write that fails is reported once on the host's standard error and the log goes on.
 */
public final class AuditLog implements Closeable {

    /** Writes nothing. */
    public static final AuditLog NONE = new AuditLog(null, false);

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String OWN_CODE = Hypervisor.location(AuditLog.class.getProtectionDomain());

    private final Writer out;
    private final boolean everyDecision;
    private boolean failed;

    private AuditLog(Writer out, boolean everyDecision) {
        this.out = out;
        this.everyDecision = everyDecision;
    }

    /**
     * An audit log appended to a file, created if need be.
     *
     * @param everyDecision {@code true} to write allowed operations too, not only denials
     * @throws IOException if the file cannot be opened for appending
     */
    public static AuditLog open(Path file, boolean everyDecision) throws IOException {
        return to(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                everyDecision);
    }

    /** An audit log written to a writer, which it closes when closed. */
    public static AuditLog to(Writer writer, boolean everyDecision) {
        return new AuditLog(new BufferedWriter(Objects.requireNonNull(writer, "writer")), everyDecision);
    }

    /** Whether a decision with this outcome is written. */
    boolean wants(boolean allowed) {
        return out != null && (!allowed || everyDecision);
    }

    /** Writes a decision of a guest, if this log wants it. */
    void record(String guest, Decision decision, String argument) {
        if (!wants(decision.allowed())) {
            return;
        }
        Optional<StackWalker.StackFrame> site = WALKER.walk(frames -> frames.filter(f -> isGuestFrame(f.getDeclaringClass())).findFirst());
        StringBuilder line = new StringBuilder(256).append('{')
                .append("\"time\": ").append(Json.quote(Instant.now().toString()))
                .append(", \"guest\": ").append(Json.quote(guest))
                .append(", \"class\": ").append(site.map(f -> Json.quote(f.getClassName())).orElse("null"))
                .append(", \"method\": ").append(site.map(f -> Json.quote(f.getMethodName())).orElse("null"))
                .append(", \"line\": ").append(site.map(f -> f.getLineNumber() > 0 ? String.valueOf(f.getLineNumber()) : "null").orElse("null"))
                .append(", \"ring\": ").append(site.map(f -> ring(f.getDeclaringClass())).orElse("null"))
                .append(", \"operation\": ").append(Json.quote(decision.operation()))
                .append(", \"argument\": ").append(argument == null ? "null" : Json.quote(argument))
                .append(", \"decision\": ").append(decision.allowed() ? "\"allow\"" : "\"deny\"")
                .append(", \"rule\": ").append(decision.rule() == null ? "null" : Json.quote(decision.rule().describe()))
                .append("}\n");
        synchronized (this) {
            try {
                out.write(line.toString());
                out.flush();
            } catch (IOException e) {
                if (!failed) {
                    failed = true;
                    Hypervisor.hostError("jvisor: cannot write the audit log: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private static String ring(Class<?> site) {
        java.util.OptionalInt ring = Hypervisor.ringOfClass(site);
        return ring.isPresent() ? String.valueOf(ring.getAsInt()) : "null";
    }

    private static boolean isGuestFrame(Class<?> c) {
        return !Hypervisor.isJdk(c.getClassLoader()) && !OWN_CODE.equals(Hypervisor.location(c.getProtectionDomain()));
    }
}
