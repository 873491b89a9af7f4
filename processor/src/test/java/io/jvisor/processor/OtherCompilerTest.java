package io.jvisor.processor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under a compiler other than javac the paravirtual check cannot run, and the processor says so. */
class OtherCompilerTest {

    @TempDir
    Path out;

    @Test
    void paravirtualCodeIsLeftUncheckedWithAWarning() {
        Javac.Result result = Javac.compile(out, Map.of("p/Exits.java", "package p;\n"
                + "@io.jvisor.api.Paravirtual\n"
                + "class Exits {\n"
                + "    void run() { System.exit(1); }\n"
                + "}\n"), new BehindAnotherEnvironment(), List.of());
        assertTrue(result.success(), result.report());
        assertEquals(List.of("3: jvisor: paravirtual code is not checked for direct privileged calls: the check runs inside"
                        + " javac only"),
                result.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
                        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).collect(Collectors.toList()));
    }

    /** The processor, given a processing environment that is not javac's own, as another compiler would. */
    private static final class BehindAnotherEnvironment implements Processor {
        private final JvisorProcessor processor = new JvisorProcessor();

        @Override
        public void init(ProcessingEnvironment javac) {
            processor.init((ProcessingEnvironment) Proxy.newProxyInstance(ProcessingEnvironment.class.getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                        try {
                            return method.invoke(javac, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
        }

        @Override
        public Set<String> getSupportedOptions() {
            return processor.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return processor.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return processor.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return processor.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return processor.getCompletions(element, annotation, member, userText);
        }
    }
}
