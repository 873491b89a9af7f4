package escape.network;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.InputSource;

/**
 * Parses a document whose DOCTYPE names an external DTD at {@code http://HOST:PORT/}: the JDK's XML
 * parser fetches it, a server-side request forgery through XML.
 *
 * <p>Source: OWASP, XML External Entity (XXE) Processing,
 * https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing
 */
public final class XmlExternalDtd {

    private XmlExternalDtd() {
    }

    public static void main(String[] args) throws InterruptedException {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://" + args[0] + "/escaped.dtd\"><x/>";
        Thread parse = new Thread(() -> {
            try {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
                System.out.println("net-xml-external-dtd: parsed after fetching the DTD");
            } catch (Throwable t) {
                System.out.println("net-xml-external-dtd: " + t);
            }
        }, "xml-parse");
        parse.setDaemon(true);
        parse.start();
        parse.join(10_000);
    }
}
