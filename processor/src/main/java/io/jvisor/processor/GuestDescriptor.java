package io.jvisor.processor;

import io.jvisor.api.Guest;
import io.jvisor.api.spi.Amounts;
import io.jvisor.api.spi.Presets;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guest of a compilation: checks its {@link Guest} annotation and writes its descriptor,
 * {@value #RESOURCE}, in the format the annotation's javadoc gives. A compilation has at most one
 * guest; each problem is an error on the annotated class, at the offending value where it has one.
 */
final class GuestDescriptor {

    /** Where the descriptor goes in the class output. */
    static final String RESOURCE = "META-INF/jvisor/guest.properties";

    private static final Pattern NAME = Pattern.compile(Guest.NAME_FORM);

    private final ProcessingEnvironment env;
    private final Elements elements;
    private final Types types;
    private TypeElement guest;
    private boolean paravirtual;

    GuestDescriptor(ProcessingEnvironment env) {
        this.env = env;
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
    }

    /** Whether the compilation's guest asks for paravirtualisation. */
    boolean paravirtual() {
        return paravirtual;
    }

    /** Checks a class annotated {@code @Guest} and, if all is well, writes its descriptor. */
    void add(TypeElement type) {
        AnnotationMirror mirror = mirror(type);
        if (guest != null) {
            error(type, mirror, null, "a compilation has one @Guest, and " + guest.getQualifiedName() + " has it already");
            return;
        }
        guest = type;
        Guest annotation = type.getAnnotation(Guest.class);
        paravirtual = annotation.mode() == Guest.Mode.PARAVIRTUAL;
        int problems = 0;
        Map<String, String> descriptor = new LinkedHashMap<>();
        if (!annotation.name().isEmpty()) {
            if (NAME.matcher(annotation.name()).matches()) {
                descriptor.put("name", annotation.name());
            } else {
                problems += error(type, mirror, "name", "guest name \"" + annotation.name() + "\" " + Guest.NAME_RULE);
            }
        }
        descriptor.put("main", elements.getBinaryName(type).toString());
        descriptor.put("mode", annotation.mode().name().toLowerCase(Locale.ROOT));
        if (!annotation.preset().isEmpty()) {
            if (Presets.NAMES.contains(annotation.preset())) {
                descriptor.put("preset", annotation.preset());
            } else {
                problems += error(type, mirror, "preset", "unknown preset \"" + annotation.preset() + "\": use one of "
                        + String.join(", ", Presets.NAMES));
            }
        }
        try {
            if (!annotation.cpuTime().isEmpty()) {
                descriptor.put("quota.cpuTimeMillis", Long.toString(millis(annotation.cpuTime())));
            }
        } catch (IllegalArgumentException e) {
            problems += error(type, mirror, "cpuTime", "cpuTime " + e.getMessage());
        }
        problems += bytes(type, mirror, "allocated", annotation.allocated(), descriptor);
        problems += bytes(type, mirror, "liveHeap", annotation.liveHeap(), descriptor);
        problems += count(type, mirror, "threads", annotation.threads(), descriptor);
        problems += count(type, mirror, "openFiles", annotation.openFiles(), descriptor);
        problems += bytes(type, mirror, "diskBytes", annotation.diskBytes(), descriptor);
        problems += bytes(type, mirror, "output", annotation.output(), descriptor);
        problems += checkMainClass(type, mirror);
        if (problems == 0) {
            write(type, descriptor);
        }
    }

    /** Puts an amount of bytes the element asks for, as {@code quota.NAMEBytes}; counts a problem. */
    private int bytes(TypeElement type, AnnotationMirror mirror, String element, String amount, Map<String, String> descriptor) {
        if (amount.isEmpty()) {
            return 0;
        }
        try {
            descriptor.put("quota." + (element.endsWith("Bytes") ? element : element + "Bytes"), Long.toString(Amounts.bytes(amount)));
            return 0;
        } catch (IllegalArgumentException e) {
            return error(type, mirror, element, element + " " + e.getMessage());
        }
    }

    /** Puts a count the element asks for, as {@code quota.NAME}, where it is positive; counts a problem. */
    private int count(TypeElement type, AnnotationMirror mirror, String element, int amount, Map<String, String> descriptor) {
        if (amount < 0) {
            return error(type, mirror, element, element + " must be at least 1, or 0 for no quota");
        }
        if (amount > 0) {
            descriptor.put("quota." + element, Integer.toString(amount));
        }
        return 0;
    }

    /** A time as the whole milliseconds the descriptor holds. */
    private static long millis(String time) {
        long nanos = Amounts.nanos(time);
        if (nanos % 1_000_000 != 0) {
            throw new IllegalArgumentException("'" + time + "' is not a whole number of milliseconds");
        }
        return nanos / 1_000_000;
    }

    private int checkMainClass(TypeElement type, AnnotationMirror mirror) {
        if (type.getKind() == ElementKind.ANNOTATION_TYPE
                || type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            return error(type, mirror, null, "@Guest belongs on the guest's main class, a top-level or static nested class");
        }
        if (!hasMain(type)) {
            return error(type, mirror, null, "@Guest class " + type.getSimpleName() + " has no main method the java launcher"
                    + " can start: declare public static void main(String[])");
        }
        return 0;
    }

    /**
     * Whether the {@code java} launcher can start the class: by a {@code public static void
     * main(String[])}, its own or inherited, or from Java 25 source on also by a non-private
     * {@code void main()} or {@code void main(String[])}, static or, in an instantiable class, not.
     */
    private boolean hasMain(TypeElement type) {
        boolean launcherOf25 = env.getSourceVersion().ordinal() >= 25;
        TypeMirror strings = types.getArrayType(elements.getTypeElement("java.lang.String").asType());
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (!m.getSimpleName().contentEquals("main") || m.getReturnType().getKind() != TypeKind.VOID) {
                continue;
            }
            boolean args = m.getParameters().size() == 1 && types.isSameType(m.getParameters().get(0).asType(), strings);
            Set<Modifier> modifiers = m.getModifiers();
            boolean isStatic = modifiers.contains(Modifier.STATIC);
            if (args && isStatic && modifiers.contains(Modifier.PUBLIC)) {
                return true;
            }
            if (launcherOf25 && (args || m.getParameters().isEmpty()) && !modifiers.contains(Modifier.PRIVATE)
                    && (isStatic || instantiable(type))) {
                return true;
            }
        }
        return false;
    }

    private static boolean instantiable(TypeElement type) {
        return type.getKind() == ElementKind.CLASS && !type.getModifiers().contains(Modifier.ABSTRACT)
                && ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                        .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    }

    private void write(TypeElement type, Map<String, String> descriptor) {
        StringBuilder text = new StringBuilder("# The jvisor guest descriptor, written by jvisor-processor from @Guest\n");
        descriptor.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        try (OutputStream out = env.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", RESOURCE, type).openOutputStream()) {
            out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            env.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + RESOURCE + ": " + e, type);
        }
    }

    /** A value as a properties file holds it: printable ASCII, the rest as unicode escapes. */
    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private AnnotationMirror mirror(TypeElement type) {
        String guestAnnotation = Guest.class.getCanonicalName();
        return type.getAnnotationMirrors().stream()
                .filter(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(guestAnnotation))
                .findFirst().orElseThrow();
    }

    /** Reports an error at the value of the named annotation element if given, else at the annotation; counts 1. */
    private int error(TypeElement type, AnnotationMirror mirror, String element, String message) {
        AnnotationValue value = mirror.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals(String.valueOf(element)))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message, type, mirror, value);
        return 1;
    }
}
