package io.jvisor.processor;

import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The JVM's names of source-level members: internal class names and descriptors, computed from the
 * erasure of their declared types, as javac writes them into class files. A member with an
 * unresolved type (the compilation has errors) has no descriptor.
 */
final class JvmDescriptors {

    private final Types types;
    private final Elements elements;

    JvmDescriptors(Types types, Elements elements) {
        this.types = types;
        this.elements = elements;
    }

    /** The internal name of a class, e.g. {@code java/lang/invoke/MethodHandles$Lookup}. */
    String internalName(TypeElement type) {
        return elements.getBinaryName(type).toString().replace('.', '/');
    }

    /**
     * The descriptor of a method or constructor, e.g. {@code (Ljava/lang/String;Z)V}, or
     * {@code null} if a type in it is unresolved. The parameters are the declared ones: the outer
     * instance that an inner class's constructor also takes is not among them.
     */
    String method(ExecutableElement method) {
        StringBuilder sb = new StringBuilder("(");
        for (VariableElement parameter : method.getParameters()) {
            String d = of(parameter.asType());
            if (d == null) {
                return null;
            }
            sb.append(d);
        }
        String result = method.getKind() == ElementKind.CONSTRUCTOR ? "V" : of(method.getReturnType());
        return result == null ? null : sb.append(')').append(result).toString();
    }

    /** The descriptor of a field's type, or {@code null} if it is unresolved. */
    String field(VariableElement field) {
        return of(field.asType());
    }

    private String of(TypeMirror declared) {
        TypeMirror type = types.erasure(declared);
        switch (type.getKind()) {
            case BOOLEAN:
                return "Z";
            case BYTE:
                return "B";
            case CHAR:
                return "C";
            case SHORT:
                return "S";
            case INT:
                return "I";
            case LONG:
                return "J";
            case FLOAT:
                return "F";
            case DOUBLE:
                return "D";
            case VOID:
                return "V";
            case ARRAY: {
                String component = of(((ArrayType) type).getComponentType());
                return component == null ? null : "[" + component;
            }
            case DECLARED:
                return "L" + internalName((TypeElement) ((DeclaredType) type).asElement()) + ";";
            default:
                return null;
        }
    }
}
