package escape.dynamic;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;

/**
 * Evaluates the Groovy script {@code ['sh', '-c', 'echo escaped > "$1"', 'sh', file].execute()}:
 * Groovy's {@code List.execute()} extension starts a process from inside Groovy's runtime, the
 * classic payload of Groovy script-console attacks.
 *
 * <p>Source: Orange Tsai, Hacking Jenkins Part 2 (CVE-2019-1003000 and friends),
 * https://blog.orange.tw/2019/02/abusing-meta-programming-for-unauthenticated-rce.html
 */
public final class GroovyExecute {

    private GroovyExecute() {
    }

    public static void main(String[] args) {
        Binding binding = new Binding();
        binding.setVariable("file", args[0]);
        try {
            Object status = new GroovyShell(binding)
                    .evaluate("['sh', '-c', 'echo escaped > \"$1\"', 'sh', file].execute().waitFor()");
            System.out.println("dynamic-groovy-execute: sh ended with " + status);
        } catch (Throwable t) {
            System.out.println("dynamic-groovy-execute: " + t);
        }
    }
}
