package escape.classes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Defines a class in a module layer of its own ({@code ModuleLayer.defineModulesWithOneLoader}),
 * whose loader is the JDK's ({@code jdk.internal.loader.Loader}, in a package java.base does not
 * export): a sandbox that takes every class of a JDK loader for the JDK's leaves it as it is, and
 * the class then does what the sandbox would have refused the program's own code.
 *
 * <p>Source: JDK API, {@code ModuleLayer.defineModulesWithOneLoader},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ModuleLayer.html
 */
public final class ModuleLayerLoader {

    private static final String MODULE = "escape.layered";
    private static final String PACKAGE = "escape.classes.layered";
    private static final String PAYLOAD = PACKAGE.replace('.', '/') + "/Payload.class";

    private ModuleLayerLoader() {
    }

    public static void main(String[] args) {
        try {
            byte[] payload;
            try (InputStream in = ModuleLayerLoader.class.getResourceAsStream("/" + PAYLOAD)) {
                payload = in.readAllBytes();
            }
            ModuleDescriptor descriptor = ModuleDescriptor.newModule(MODULE).requires("jdk.unsupported").exports(PACKAGE).build();
            ModuleReference reference = new ModuleReference(descriptor, null) {
                @Override
                public ModuleReader open() {
                    return new ModuleReader() {
                        @Override
                        public Optional<URI> find(String name) {
                            return Optional.empty();
                        }

                        @Override
                        public Optional<InputStream> open(String name) {
                            return name.equals(PAYLOAD) ? Optional.of(new ByteArrayInputStream(payload)) : Optional.empty();
                        }

                        @Override
                        public Stream<String> list() {
                            return Stream.of(PAYLOAD);
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
            ModuleFinder finder = new ModuleFinder() {
                @Override
                public Optional<ModuleReference> find(String name) {
                    return name.equals(MODULE) ? Optional.of(reference) : Optional.empty();
                }

                @Override
                public Set<ModuleReference> findAll() {
                    return Set.of(reference);
                }
            };
            Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
            ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
            @SuppressWarnings("unchecked")
            Function<String, String> run = (Function<String, String>) layer.findLoader(MODULE).loadClass(PACKAGE + ".Payload")
                    .getConstructor().newInstance();
            System.out.println("class-module-layer-loader: " + run.apply(args[0]));
        } catch (Throwable t) {
            System.out.println("class-module-layer-loader: " + t);
        }
    }
}
