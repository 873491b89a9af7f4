package escape.exit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Deserialises an object whose class's private {@code readObject} calls {@code System.exit(0)}:
 * {@code ObjectInputStream} calls that method reflectively, the way every Java deserialisation
 * gadget chain gets code run.
 *
 * <p>Source: ysoserial, Java deserialisation gadget chains, https://github.com/frohoff/ysoserial
 */
public final class DeserializationExit {

    private DeserializationExit() {
    }

    /** The gadget: its readObject runs during deserialisation. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            System.exit(0);
        }
    }

    public static void main(String[] args) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new Gadget());
            }
            System.out.println("exit-in-deserialization: reading back a " + bytes.size() + "-byte stream");
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                in.readObject();
            }
            System.out.println("exit-in-deserialization: readObject returned?!");
        } catch (Throwable t) {
            System.out.println("exit-in-deserialization: " + t);
        }
    }
}
