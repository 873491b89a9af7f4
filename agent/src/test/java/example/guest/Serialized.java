package example.guest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.function.IntConsumer;

/** A serializable method reference to a critical method, sent through serialization and back. */
public final class Serialized {

    private Serialized() {
    }

    public static IntConsumer roundTrip() throws IOException, ClassNotFoundException {
        IntConsumer exit = (IntConsumer & Serializable) System::exit;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(exit);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (IntConsumer) in.readObject();
        }
    }
}
