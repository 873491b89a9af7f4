package io.jvisor.processor;

import io.jvisor.api.Guest;
import io.jvisor.api.Paravirtual;
import io.jvisor.api.Saved;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import java.util.Optional;
import java.util.Set;

/**
 * The jvisor annotation processor, for guests that know jvisor. Put it on javac's processor path
 * (Maven: {@code annotationProcessorPaths} of the compiler plugin, {@code io.jvisor:jvisor-processor}).
 * It
 * <ul>
 *   <li>checks {@link Guest} and writes the guest's descriptor, {@code META-INF/jvisor/guest.properties};</li>
 *   <li>fails the compilation on every direct use of a member of jvisor's critical-instruction
 *       catalog in {@link Paravirtual} code, or anywhere in a compilation whose guest is
 *       {@link Guest.Mode#PARAVIRTUAL}, naming the hypercall to use instead;</li>
 *   <li>generates the state class of each class with {@link Saved} fields.</li>
 * </ul>
 * It claims no annotation, so other processors see them too.
 */
@SupportedAnnotationTypes({"io.jvisor.api.Guest", "io.jvisor.api.Paravirtual", "io.jvisor.api.Saved"})
public final class JvisorProcessor extends AbstractProcessor {

    private GuestDescriptor guest;
    private StateGenerator states;
    private Optional<CriticalUseCheck> check;

    /** Called by javac, which finds the processor as a service. */
    public JvisorProcessor() {
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        guest = new GuestDescriptor(env);
        states = new StateGenerator(env);
        check = CriticalUseCheck.attach(env, () -> guest.paravirtual());
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        ElementFilter.typesIn(round.getElementsAnnotatedWith(Guest.class)).forEach(guest::add);
        states.generate(round.getElementsAnnotatedWith(Saved.class));
        if (check.isEmpty()) {
            for (Element e : round.getElementsAnnotatedWith(Paravirtual.class)) {
                warnUnchecked(e);
            }
            ElementFilter.typesIn(round.getElementsAnnotatedWith(Guest.class)).stream()
                    .filter(t -> t.getAnnotation(Guest.class).mode() == Guest.Mode.PARAVIRTUAL)
                    .forEach(this::warnUnchecked);
        }
        return false;
    }

    private void warnUnchecked(Element e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "jvisor: paravirtual code is not checked for"
                + " direct privileged calls: the check runs inside javac only", e);
    }
}
