package escape.files;

import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code XMLDecoder} document that creates FILE: the decoder's own code makes the
 * {@code File} and calls {@code createNewFile()} by reflection, the document's gadget, which no
 * call site of the guest names.
 *
 * <p>Source: CWE-502: Deserialization of Untrusted Data, {@code XMLDecoder} documents that call
 * methods, https://cwe.mitre.org/data/definitions/502.html
 */
public final class XmlDecoderCreate {

    private XmlDecoderCreate() {
    }

    public static void main(String[] args) {
        String document = "<java><object class=\"java.io.File\"><string>" + args[0]
                + "</string><void method=\"createNewFile\"/></object></java>";
        try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)),
                null, e -> System.out.println("file-xml-decoder: " + e))) {
            System.out.println("file-xml-decoder: decoded " + decoder.readObject());
        } catch (Throwable t) {
            System.out.println("file-xml-decoder: " + t);
        }
    }
}
