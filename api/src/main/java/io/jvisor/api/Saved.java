package io.jvisor.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that a snapshot of the guest keeps. For a class {@code C} with such fields, the
 * jvisor annotation processor generates, in the same package, a class {@code C$State} (for a nested
 * class {@code Outer.C}, {@code Outer$C$State}), public if {@code C} is, without reflection:
 * <pre>{@code
 * static Map<String, byte[]> save(C instance)                  // the fields' values, by field name
 * static void restore(C instance, Map<String, byte[]> saved)   // puts them back
 * static State of(C instance)                                  // both, as a State to declare
 * }</pre>
 * so a guest declares its state with {@code Hypercalls.declareState("store", C$State.of(this))}.
 *
 * <p>Supported field types: the primitive types and their boxes, {@code String}, {@code byte[]}
 * (copied when saved and when restored) and enum types (kept by constant name). A {@code null}
 * value is saved as an absent key. {@code restore} reads every value before it sets any field, and
 * throws {@link IllegalArgumentException} if a primitive field's value is missing or any value is
 * malformed; a reference field whose key is absent becomes {@code null}.
 *
 * <p>The processor reports an error for a field that is {@code static}, {@code final},
 * {@code private} (the generated class must reach it: make it package-private) or of another
 * type, and for a field of a private, local, anonymous or generic class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Saved {
}
