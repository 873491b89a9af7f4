package escape.dynamic;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;

/**
 * Evaluates the Groovy script {@code new File(file).text = 'escaped'} (FILE passed in a binding): the
 * write happens in classes Groovy generates at run time, through Groovy's own runtime
 * ({@code ResourceGroovyMethods.setText}).
 *
 * <p>Source: CVE-2019-1003000, Jenkins script-security sandbox bypass (SECURITY-1266),
 * https://nvd.nist.gov/vuln/detail/CVE-2019-1003000
 */
public final class GroovyFile {

    private GroovyFile() {
    }

    public static void main(String[] args) {
        Binding binding = new Binding();
        binding.setVariable("file", args[0]);
        try {
            new GroovyShell(binding).evaluate("new File(file).text = 'escaped\\n'");
            System.out.println("dynamic-groovy-file: the script wrote " + args[0]);
        } catch (Throwable t) {
            System.out.println("dynamic-groovy-file: " + t);
        }
    }
}
