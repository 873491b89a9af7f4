package io.jvisor.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.api.Paravirtual;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Rejects direct uses of critical-instruction catalog members in paravirtual code. Runs after
 * javac has attributed each top-level class (annotation processing sees unattributed trees only),
 * scans it with javac's tree API and reports each use as an error at its position.
 *
 * <p>A class is checked if it, a class around it or its package carries {@link Paravirtual}, or if
 * the whole compilation is a paravirtual guest. A use is a method call (also {@code super(...)}),
 * a {@code new}, a method or constructor reference, or a field read; its member is the one javac
 * resolved, named by its declaring class, so a call through a subclass or any receiver expression
 * is found as well. Catalog rows of kind {@code guard} are never called by guest code and are not
 * looked for.
 */
final class CriticalUseCheck implements TaskListener {

    private final Trees trees;
    private final Elements elements;
    private final JvmDescriptors descriptors;
    private final Catalog catalog = Catalog.standard();
    private final HypercallAdvice advice = HypercallAdvice.load();
    private final BooleanSupplier paravirtualGuest;

    private CriticalUseCheck(ProcessingEnvironment env, Trees trees, BooleanSupplier paravirtualGuest) {
        this.trees = trees;
        this.elements = env.getElementUtils();
        this.descriptors = new JvmDescriptors(env.getTypeUtils(), env.getElementUtils());
        this.paravirtualGuest = paravirtualGuest;
    }

    /**
     * Registers the check with the running javac.
     *
     * @param paravirtualGuest whether the compilation holds a paravirtual guest, asked once
     *                         processing is over
     * @return the check, or empty if the compiler is not javac
     */
    static Optional<CriticalUseCheck> attach(ProcessingEnvironment env, BooleanSupplier paravirtualGuest) {
        JavacTask task;
        Trees trees;
        try {
            task = JavacTask.instance(env);
            trees = Trees.instance(env);
        } catch (IllegalArgumentException notJavac) {
            return Optional.empty();
        }
        CriticalUseCheck check = new CriticalUseCheck(env, trees, paravirtualGuest);
        task.addTaskListener(check);
        return Optional.of(check);
    }

    @Override
    public void finished(TaskEvent event) {
        TypeElement type = event.getTypeElement();
        if (event.getKind() != TaskEvent.Kind.ANALYZE || type == null || type.getNestingKind() != NestingKind.TOP_LEVEL) {
            return;
        }
        TreePath path = trees.getPath(type);
        if (path != null) {
            new Scanner(event.getCompilationUnit()).scan(path, Boolean.FALSE);
        }
    }

    private boolean paravirtual(Element type) {
        return paravirtualGuest.getAsBoolean() || type.getAnnotation(Paravirtual.class) != null
                || elements.getPackageOf(type).getAnnotation(Paravirtual.class) != null;
    }

    /** The catalog row of a member that guest code may not use directly, or {@code null}. */
    private CriticalInstruction critical(Element member) {
        if (member == null || !(member.getEnclosingElement() instanceof TypeElement)) {
            return null;
        }
        String owner = descriptors.internalName((TypeElement) member.getEnclosingElement());
        if (!catalog.isOwner(owner)) {
            return null;
        }
        if (member instanceof ExecutableElement) {
            ExecutableElement m = (ExecutableElement) member;
            String name = m.getKind() == ElementKind.CONSTRUCTOR ? "<init>" : m.getSimpleName().toString();
            String descriptor = descriptors.method(m);
            return descriptor == null ? null : catalog.find(owner, name, descriptor);
        }
        if (member.getKind() == ElementKind.FIELD) {
            String descriptor = descriptors.field((VariableElement) member);
            return descriptor == null ? null : catalog.find(owner, member.getSimpleName().toString(), descriptor);
        }
        return null;
    }

    /** Walks one top-level class; its argument says whether the enclosing class is checked. */
    private final class Scanner extends TreePathScanner<Void, Boolean> {
        private final CompilationUnitTree unit;

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
        }

        private void report(String use, Tree tree, Boolean checked) {
            if (!checked) {
                return;
            }
            CriticalInstruction row = critical(trees.getElement(getCurrentPath()));
            if (row != null) {
                trees.printMessage(Diagnostic.Kind.ERROR, use + " " + row.displayName() + " in paravirtual code: "
                        + advice.instead(row.hook(), row.operation()), tree, unit);
            }
        }

        @Override
        public Void visitClass(ClassTree tree, Boolean checked) {
            Element type = trees.getElement(getCurrentPath());
            return super.visitClass(tree, checked || type != null && paravirtual(type));
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Boolean checked) {
            report("direct call of", tree, checked);
            return super.visitMethodInvocation(tree, checked);
        }

        @Override
        public Void visitNewClass(NewClassTree tree, Boolean checked) {
            report("direct call of", tree, checked);
            return super.visitNewClass(tree, checked);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree tree, Boolean checked) {
            report("method reference to", tree, checked);
            return super.visitMemberReference(tree, checked);
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree tree, Boolean checked) {
            reportFieldRead(tree, checked);
            return super.visitMemberSelect(tree, checked);
        }

        @Override
        public Void visitIdentifier(IdentifierTree tree, Boolean checked) {
            reportFieldRead(tree, checked);
            return super.visitIdentifier(tree, checked);
        }

        /** Names of methods are identifiers and member selects too: only fields are looked up here. */
        private void reportFieldRead(Tree tree, Boolean checked) {
            Element e = checked ? trees.getElement(getCurrentPath()) : null;
            if (e != null && e.getKind() == ElementKind.FIELD) {
                report("direct read of", tree, checked);
            }
        }
    }
}
