package escape.state;

import javax.swing.text.StyleContext;

/**
 * Registers an attribute key of its own class in Swing's registry of static attribute keys, one
 * for the JVM, which every program's serialization of attribute sets looks keys up in by their own
 * {@code equals} and {@code hashCode}: a key that claims the hash of {@code StyleConstants.Bold}
 * runs its {@code equals} on the thread of every program that writes a bold attribute set, and
 * holds what it holds for good.
 *
 * <p>Source: JDK API, {@code StyleContext.registerStaticAttributeKey},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/javax/swing/text/StyleContext.html#registerStaticAttributeKey(java.lang.Object)
 */
public final class StaticAttributeKey {

    private StaticAttributeKey() {
    }

    /** A key whose hash is Bold's. */
    static final class Key {
        @Override
        public int hashCode() {
            return javax.swing.text.StyleConstants.Bold.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public String toString() {
            return "escape-planted";
        }
    }

    public static void main(String[] args) {
        try {
            StyleContext.registerStaticAttributeKey(new Key());
            System.out.println("state-static-attribute-key: the JVM's registry now holds "
                    + StyleContext.getStaticAttribute(Key.class.getName() + ".escape-planted"));
        } catch (Throwable t) {
            System.out.println("state-static-attribute-key: " + t);
        }
    }
}
