package escape.network;

import java.util.Hashtable;
import javax.naming.InitialContext;

/**
 * A JNDI lookup of {@code ldap://HOST:PORT/...}, the first step of Log4Shell: the JDK's LDAP provider
 * connects to whatever server the name says.
 *
 * <p>Source: CVE-2021-44228 (Log4Shell, JNDI lookups of attacker URLs),
 * https://nvd.nist.gov/vuln/detail/CVE-2021-44228
 */
public final class JndiLdapLookup {

    private JndiLdapLookup() {
    }

    public static void main(String[] args) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("com.sun.jndi.ldap.connect.timeout", "5000");
        env.put("com.sun.jndi.ldap.read.timeout", "5000");
        try {
            Object found = new InitialContext(env).lookup("ldap://" + args[0] + "/cn=escaped");
            System.out.println("net-jndi-ldap: looked up " + found);
        } catch (Throwable t) {
            System.out.println("net-jndi-ldap: " + t);
        }
    }
}
