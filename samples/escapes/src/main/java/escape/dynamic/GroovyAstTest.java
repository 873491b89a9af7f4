package escape.dynamic;

import groovy.lang.GroovyShell;

/**
 * Only compiles, never runs, a Groovy script annotated with {@code @ASTTest}, whose closure Groovy
 * executes during compilation and which calls {@code System.exit(0)}: the meta-programming trick
 * behind the Jenkins pre-auth RCE, where merely parsing an attacker's script ran its code.
 *
 * <p>Source: Orange Tsai, Hacking Jenkins Part 2 (CVE-2019-1003000, CVE-2019-1003001),
 * https://blog.orange.tw/2019/02/abusing-meta-programming-for-unauthenticated-rce.html
 */
public final class GroovyAstTest {

    private GroovyAstTest() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("dynamic-groovy-ast-test: parsing (not running) a script with @ASTTest");
            new GroovyShell().parse("@groovy.transform.ASTTest(value = { System.exit(0) })\ndef x = 1\n");
            System.out.println("dynamic-groovy-ast-test: the parse returned");
        } catch (Throwable t) {
            System.out.println("dynamic-groovy-ast-test: " + t);
        }
    }
}
