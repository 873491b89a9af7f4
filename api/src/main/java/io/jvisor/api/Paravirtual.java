package io.jvisor.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that uses {@link Hypercalls} instead of the JDK's privileged methods: a class (with
 * its nested classes) or, on {@code package-info.java}, every class of a package. The jvisor
 * annotation processor then fails the compilation on every direct use, in a method body, field
 * initialiser or initialiser block, of a member of jvisor's critical-instruction catalog: a call
 * (including a {@code super(...)} constructor call), a {@code new}, a read of a field such as
 * {@code System.out}, or a method reference such as {@code System::exit}. Each error names the
 * member and the hypercall to use instead.
 *
 * <p>A compilation that holds a {@code @Guest(mode = Guest.Mode.PARAVIRTUAL)} class is checked as a
 * whole, as if every class in it carried this annotation.
 *
 * <p>The check needs javac (it reads javac's attributed trees); under another compiler the
 * processor warns that it could not check.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface Paravirtual {
}
