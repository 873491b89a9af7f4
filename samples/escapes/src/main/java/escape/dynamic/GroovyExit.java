package escape.dynamic;

import groovy.lang.GroovyShell;

/**
 * Evaluates the Groovy script {@code System.exit(0)} with a {@code GroovyShell}: real third-party
 * code that compiles a string to bytecode in memory and runs it, the door that Jenkins' Groovy
 * sandbox (script-security) kept having to close.
 *
 * <p>Source: CVE-2019-1003000, Jenkins script-security sandbox bypass (SECURITY-1266),
 * https://nvd.nist.gov/vuln/detail/CVE-2019-1003000
 */
public final class GroovyExit {

    private GroovyExit() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("dynamic-groovy-exit: evaluating System.exit(0)");
            new GroovyShell().evaluate("System.exit(0)");
            System.out.println("dynamic-groovy-exit: the script returned?!");
        } catch (Throwable t) {
            System.out.println("dynamic-groovy-exit: " + t);
        }
    }
}
