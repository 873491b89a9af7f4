package io.jvisor.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated test passes only if the code it runs calls {@code System.exit},
 * {@code Runtime.exit} or {@code Runtime.halt} (from the test thread or a thread it started),
 * with one of the given statuses if any are given. The exit ends the test, never the JVM.
 *
 * <pre>{@code
 *   @Test
 *   @ExpectSystemExit(2)
 *   void rejectsUnknownFlags() {
 *       Main.main(new String[] {"--bogus"});
 *   }
 * }</pre>
 *
 * Needs jvisor as the test JVM's agent: {@code -javaagent:jvisor-agent.jar} (for Maven Surefire,
 * in {@code <argLine>}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(JvisorExtension.class)
public @interface ExpectSystemExit {

    /** The statuses that pass the test; empty (the default) for any status. */
    int[] value() default {};

    /** The preset policy the test runs under. */
    String preset() default "constrained";
}
