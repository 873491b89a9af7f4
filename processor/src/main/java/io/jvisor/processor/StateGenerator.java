package io.jvisor.processor;

import io.jvisor.api.Saved;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates, for each class with {@link Saved} fields, the class {@code C$State} that saves and
 * restores them without reflection, as {@link Saved} documents. A class with an unsupported field
 * gets errors on its fields and no generated class.
 */
final class StateGenerator {

    private static final String UTF_8 = "java.nio.charset.StandardCharsets.UTF_8";
    private static final String MAP = "java.util.Map<java.lang.String, byte[]>";

    private final ProcessingEnvironment env;

    StateGenerator(ProcessingEnvironment env) {
        this.env = env;
    }

    /** Generates the state classes of the classes that declare these {@code @Saved} fields. */
    void generate(Iterable<? extends Element> savedFields) {
        Map<TypeElement, List<VariableElement>> byClass = new LinkedHashMap<>();
        for (Element field : savedFields) {
            byClass.computeIfAbsent((TypeElement) field.getEnclosingElement(), c -> new ArrayList<>()).add((VariableElement) field);
        }
        byClass.forEach(this::generate);
    }

    private void generate(TypeElement type, List<VariableElement> fields) {
        String problem = classProblem(type);
        if (problem != null) {
            fields.forEach(f -> error(f, "@Saved field " + f.getSimpleName() + " is in " + problem));
            return;
        }
        List<Field> supported = new ArrayList<>();
        for (VariableElement f : fields) {
            String fieldProblem = fieldProblem(f);
            if (fieldProblem == null) {
                supported.add(new Field(f.getSimpleName().toString(), codec(f.asType()), f.asType().toString()));
            } else {
                error(f, "@Saved field " + f.getSimpleName() + " " + fieldProblem);
            }
        }
        if (supported.size() == fields.size()) {
            write(type, supported);
        }
    }

    private void error(Element field, String message) {
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message, field);
    }

    private static String classProblem(TypeElement type) {
        if (type.getNestingKind() != NestingKind.TOP_LEVEL && type.getNestingKind() != NestingKind.MEMBER) {
            return "a local or anonymous class, which the generated class cannot name";
        }
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return "a private class, which the generated class cannot reach: make it package-private";
            }
            if (!((TypeElement) e).getTypeParameters().isEmpty()) {
                return "a generic class, which the generated class does not support";
            }
        }
        return null;
    }

    private String fieldProblem(VariableElement field) {
        if (field.getModifiers().contains(Modifier.STATIC)) {
            return "must not be static: snapshots keep the state of an instance";
        }
        if (field.getModifiers().contains(Modifier.FINAL)) {
            return "must not be final: restoring sets it";
        }
        if (field.getModifiers().contains(Modifier.PRIVATE)) {
            return "must not be private: make it package-private, so that the generated "
                    + stateName((TypeElement) field.getEnclosingElement()) + " can set it";
        }
        if (codec(field.asType()) == null) {
            return "has type " + field.asType() + ", which a snapshot cannot keep: use a primitive type, its box, String,"
                    + " byte[] or an enum type that is not private";
        }
        return null;
    }

    /** How a field of this type is kept, or {@code null} if it cannot be. */
    private Codec codec(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return Codec.valueOf(type.getKind().name());
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return type.toString().equals("byte[]") ? Codec.BYTES : null;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return classProblem(element) == null ? Codec.ENUM : null;
        }
        if (element.getQualifiedName().contentEquals("java.lang.String")) {
            return Codec.STRING;
        }
        try {
            return Codec.valueOf(env.getTypeUtils().unboxedType(type).getKind().name() + "_BOX");
        } catch (IllegalArgumentException notABox) {
            return null;
        }
    }

    /** The simple name of the class generated for {@code type}, e.g. {@code Outer$Inner$State}. */
    private String stateName(TypeElement type) {
        String binary = env.getElementUtils().getBinaryName(type).toString();
        return binary.substring(binary.lastIndexOf('.') + 1) + "$State";
    }

    private void write(TypeElement type, List<Field> fields) {
        String pkg = env.getElementUtils().getPackageOf(type).getQualifiedName().toString();
        String name = stateName(type);
        String target = type.getQualifiedName().toString();
        StringBuilder src = new StringBuilder();
        if (!pkg.isEmpty()) {
            src.append("package ").append(pkg).append(";\n\n");
        }
        src.append("/**\n * Saves and restores the {@code @Saved} fields of {@link ").append(target)
                .append("} without reflection.\n * Generated by jvisor-processor.\n */\n")
                .append("@javax.annotation.processing.Generated(\"io.jvisor.processor.JvisorProcessor\")\n")
                .append(type.getModifiers().contains(Modifier.PUBLIC) ? "public " : "")
                .append("final class ").append(name).append(" implements io.jvisor.api.State {\n\n")
                .append("    private final ").append(target).append(" instance;\n\n")
                .append("    private ").append(name).append('(').append(target).append(" instance) {\n")
                .append("        this.instance = java.util.Objects.requireNonNull(instance, \"instance\");\n    }\n\n")
                .append("    /** The fields of {@code instance} as a State, for {@code Hypercalls.declareState}. */\n")
                .append("    public static io.jvisor.api.State of(").append(target).append(" instance) {\n")
                .append("        return new ").append(name).append("(instance);\n    }\n\n")
                .append("    /** The fields' values by name; a {@code null} value is left out. */\n")
                .append("    public static ").append(MAP).append(" save(").append(target).append(" instance) {\n")
                .append("        ").append(MAP).append(" saved = new java.util.LinkedHashMap<>();\n");
        for (Field f : fields) {
            src.append(f.codec.save(f.name));
        }
        src.append("        return saved;\n    }\n\n")
                .append("    /** Puts back what {@code save} returned; reads every value before it sets a field. */\n")
                .append("    public static void restore(").append(target).append(" instance, ").append(MAP).append(" saved) {\n")
                .append("        java.util.Objects.requireNonNull(instance, \"instance\");\n")
                .append("        java.util.Objects.requireNonNull(saved, \"saved\");\n");
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            src.append("        ").append(f.type).append(" v").append(i).append(" = ").append(f.codec.restore(f.name, f.type)).append(";\n");
        }
        for (int i = 0; i < fields.size(); i++) {
            src.append("        instance.").append(fields.get(i).name).append(" = v").append(i).append(";\n");
        }
        src.append("    }\n\n")
                .append("    @Override\n    public ").append(MAP).append(" save() {\n        return save(instance);\n    }\n\n")
                .append("    @Override\n    public void restore(").append(MAP).append(" saved) {\n        restore(instance, saved);\n    }\n\n")
                .append("    private static byte[] value(").append(MAP).append(" saved, java.lang.String field, int length) {\n")
                .append("        byte[] value = saved.get(field);\n")
                .append("        if (value == null || value.length != length) {\n")
                .append("            throw new java.lang.IllegalArgumentException(\"saved state of ").append(target)
                .append(" has \" + (value == null ? \"no value\" : value.length + \" bytes\") + \" for \" + field\n")
                .append("                    + \", which needs \" + length);\n")
                .append("        }\n        return value;\n    }\n}\n");
        try (Writer out = env.getFiler().createSourceFile(pkg.isEmpty() ? name : pkg + "." + name, type).openWriter()) {
            out.write(src.toString());
        } catch (IOException e) {
            env.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + name + ": " + e, type);
        }
    }

    /** A supported field: its name, codec and source type. */
    private record Field(String name, Codec codec, String type) {
    }

    /** How a value of one kind of type becomes bytes and back, as Java source. */
    private enum Codec {
        BOOLEAN(1, null), BYTE(1, null), SHORT(2, "Short"), CHAR(2, "Char"), INT(4, "Int"), LONG(8, "Long"),
        FLOAT(4, "Float"), DOUBLE(8, "Double"),
        BOOLEAN_BOX(1, null), BYTE_BOX(1, null), SHORT_BOX(2, "Short"), CHAR_BOX(2, "Char"), INT_BOX(4, "Int"),
        LONG_BOX(8, "Long"), FLOAT_BOX(4, "Float"), DOUBLE_BOX(8, "Double"),
        STRING(0, null), BYTES(0, null), ENUM(0, null);

        private final int length;
        private final String buffer;

        Codec(int length, String buffer) {
            this.length = length;
            this.buffer = buffer;
        }

        private boolean primitive() {
            return ordinal() <= DOUBLE.ordinal();
        }

        /** The primitive codec of a box, or this. */
        private Codec unboxed() {
            return name().endsWith("_BOX") ? valueOf(name().substring(0, name().length() - 4)) : this;
        }

        /** Source of a statement that puts the value of {@code instance.field} into {@code saved}. */
        String save(String field) {
            String value = "instance." + field;
            String bytes;
            switch (unboxed()) {
                case BOOLEAN:
                    bytes = "new byte[] {(byte) (" + value + " ? 1 : 0)}";
                    break;
                case BYTE:
                    bytes = "new byte[] {" + value + "}";
                    break;
                case STRING:
                    bytes = value + ".getBytes(" + UTF_8 + ")";
                    break;
                case BYTES:
                    bytes = value + ".clone()";
                    break;
                case ENUM:
                    bytes = value + ".name().getBytes(" + UTF_8 + ")";
                    break;
                default:
                    bytes = "java.nio.ByteBuffer.allocate(" + length + ").put" + buffer + "(" + value + ").array()";
            }
            String put = "saved.put(\"" + field + "\", " + bytes + ");\n";
            return primitive() ? "        " + put : "        if (" + value + " != null) {\n            " + put + "        }\n";
        }

        /** Source of an expression of the field's type that reads it from {@code saved}. */
        String restore(String field, String type) {
            if (this == STRING || this == BYTES || this == ENUM) {
                String bytes = "saved.get(\"" + field + "\")";
                String value = this == STRING ? "new java.lang.String(" + bytes + ", " + UTF_8 + ")"
                        : this == BYTES ? bytes + ".clone()"
                        : type + ".valueOf(new java.lang.String(" + bytes + ", " + UTF_8 + "))";
                return "saved.containsKey(\"" + field + "\") ? " + value + " : null";
            }
            String bytes = "value(saved, \"" + field + "\", " + length + ")";
            Codec p = unboxed();
            String value = p == BOOLEAN ? bytes + "[0] != 0"
                    : p == BYTE ? bytes + "[0]"
                    : "java.nio.ByteBuffer.wrap(" + bytes + ").get" + buffer + "()";
            return primitive() ? value : "saved.containsKey(\"" + field + "\") ? (" + type + ") (" + value + ") : null";
        }
    }
}
