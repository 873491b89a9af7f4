package escape.state;

import java.io.ObjectInputFilter;

/**
 * Sets the JVM's one filter of deserialization, which may be set once per JVM: afterwards it
 * decides every {@code ObjectInputStream} of the host and of every other guest (here it rejects
 * everything), also after the guest ended, and the host can never set its own.
 *
 * <p>Source: JDK API, {@code ObjectInputFilter.Config.setSerialFilter},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/ObjectInputFilter.Config.html#setSerialFilter(java.io.ObjectInputFilter)
 */
public final class SetSerialFilter {

    private SetSerialFilter() {
    }

    public static void main(String[] args) {
        try {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter("!*"));
            System.out.println("state-serial-filter: the JVM's filter of deserialization is now the guest's");
        } catch (Throwable t) {
            System.out.println("state-serial-filter: " + t);
        }
        try {
            ObjectInputFilter.Config.setSerialFilterFactory((current, next) -> ObjectInputFilter.Config.createFilter("!*"));
            System.out.println("state-serial-filter: the JVM's factory of filters is now the guest's");
        } catch (Throwable t) {
            System.out.println("state-serial-filter: " + t);
        }
    }
}
