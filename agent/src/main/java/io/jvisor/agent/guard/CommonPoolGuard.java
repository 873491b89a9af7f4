package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Woven where the JDK finds its common pool of threads, one for the JVM: a hosted guest's threads
 * find one of their own instead, whatever reaches it ({@code ForkJoinPool.commonPool()},
 * {@code CompletableFuture}'s asynchronous methods without an executor, parallel streams and
 * every task forked or invoked outside a pool). In the JVM's, a guest that filled every worker
 * with tasks that sleep held up every other program's asynchronous work, at no cost to its CPU
 * time or threads quota; the workers of its own are its threads, counted and stopped as they are.
 */
final class CommonPoolGuard {

    private CommonPoolGuard() {
    }

    /** On {@code ForkJoinPool.commonPool()}: a hosted guest's threads get their own. */
    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) ForkJoinPool pool) {
        pool = Guards.commonPool(pool);
    }

    /**
     * On {@code ForkJoinPool.createWorker()}: a worker of the JVM's common pool that a hosted
     * guest's thread would make (one that holds the JVM's pool: JDK 17's makes its workers on the
     * thread that submits) is made on a thread of the hypervisor's instead, in the host's group,
     * not the guest's, where every other program's tasks would have run as the guest's threads.
     * The pool's own lookup lets the hook call the method there.
     */
    static final class JvmWorker {

        private JvmWorker() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static int enter(@Advice.This ForkJoinPool pool) {
            return Guards.commonPoolWorkerMaking(pool, java.lang.invoke.MethodHandles.lookup());
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter int elsewhere, @Advice.Return(readOnly = false) boolean made) {
            if (elsewhere != Guards.WORKER_HERE) {
                made = elsewhere == Guards.WORKER_MADE;
            }
        }
    }

    /**
     * In {@code ForkJoinPool}: each read of the common pool's field where a task is pushed, helped
     * or awaited outside a pool's workers, or the pool's parallelism asked (JDK 17 to 25), becomes
     * a call of the guarded {@code commonPool()}; not the reads that tell whether a pool is the
     * common one, to shut it down (a guest's own answers as the common pool itself).
     */
    static AsmVisitorWrapper commonReads() {
        try {
            return commonReads(ForkJoinPool.class.getMethod("commonPool"),
                    namedOneOf("commonQueue", "helpQuiescePool", "asyncCommonPool", "getCommonPoolParallelism"));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ForkJoinPool has no commonPool()", e);
        }
    }

    /**
     * In {@code ForkJoinTask}: the reads where a task is forked or awaited outside a pool's workers
     * become calls of {@link Guards#commonPool()}, the others (JDK 17's {@code helpQuiesce}) of the
     * guarded {@code commonPool()} itself.
     */
    static AsmVisitorWrapper taskCommonReads() {
        try {
            ElementMatcher.Junction<MethodDescription> forked = namedOneOf("fork", "awaitDone");
            return new AsmVisitorWrapper.Compound(commonReads(Guards.class.getMethod("commonPool"), forked),
                    commonReads(ForkJoinPool.class.getMethod("commonPool"), not(forked).and(not(isTypeInitializer()))));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no commonPool() to read the common pool by", e);
        }
    }

    private static AsmVisitorWrapper commonReads(java.lang.reflect.Method read, ElementMatcher<? super MethodDescription> in) {
        return MemberSubstitution.relaxed()
                .field(named("common").and(isStatic()).and(isDeclaredBy(ForkJoinPool.class))).onRead()
                .replaceWith(read)
                .on(in);
    }

    /**
     * In the HTTP client's {@code HttpClientImpl} (JDK 17 to 25), which keeps
     * {@code CompletableFuture}'s default executor in a field, found by whichever program makes
     * the first client (a guest's own pool, kept for every program's client): the field is never
     * set, and its read, where an asynchronous send completes, becomes a call of
     * {@link Guards#asyncExecutor()}, the default executor of the program at hand.
     */
    static AsmVisitorWrapper httpClientExecutor() {
        try {
            return new AsmVisitorWrapper.Compound(
                    MemberSubstitution.relaxed().field(named(ASYNC_POOL)).onRead()
                            .replaceWith(Guards.class.getMethod("asyncExecutor")).on(not(isTypeInitializer())),
                    MemberSubstitution.relaxed().field(named(ASYNC_POOL)).onWrite().stub().on(isTypeInitializer()));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("jvisor-hooks has no Guards.asyncExecutor()", e);
        }
    }

    private static final String ASYNC_POOL = "ASYNC_POOL";

    /**
     * On {@code CompletableFuture.defaultExecutor()}: where the JVM's default is its common pool,
     * a hosted guest's own (where the default starts a thread a task, as with one processor, it stays).
     */
    static final class DefaultExecutor {

        private DefaultExecutor() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.FieldValue("ASYNC_POOL") Object jvms,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Executor executor) {
            Executor own = Guards.asyncPool(jvms);
            if (own != null) {
                executor = own;
            }
        }
    }

    /**
     * Entered by {@code CompletableFuture}'s static methods that use its default executor: the
     * hosted guest's own pool, with which the exit ({@link SupplyAsync}, {@link RunAsync},
     * {@link DelayedExecutor}) calls the method's form that takes an executor, the JDK's code skipped.
     */
    static final class OwnAsyncPool {

        private OwnAsyncPool() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Executor enter(@Advice.FieldValue("ASYNC_POOL") Object jvms) {
            return Guards.asyncPool(jvms);
        }
    }

    /**
     * On {@code SubmissionPublisher(Executor, int, BiConsumer)}: the JVM's common pool, the
     * executor of a publisher made without one on JDK 17 (kept in a static field, found on the
     * host's thread), is a hosted guest's own there, as later JDKs find it.
     */
    static final class Publisher {

        private Publisher() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) Executor executor) {
            Executor own = Guards.asyncPool(executor);
            if (own != null) {
                executor = own;
            }
        }
    }

    /** Left by {@code CompletableFuture.supplyAsync(Supplier)}. */
    static final class SupplyAsync {

        private SupplyAsync() {
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        @Advice.OnMethodExit
        static void exit(@Advice.Enter Executor own, @Advice.Argument(0) Supplier supplier,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) CompletableFuture future) {
            if (own != null) {
                future = CompletableFuture.supplyAsync(supplier, own);
            }
        }
    }

    /** Left by {@code CompletableFuture.runAsync(Runnable)}. */
    static final class RunAsync {

        private RunAsync() {
        }

        @SuppressWarnings("rawtypes")
        @Advice.OnMethodExit
        static void exit(@Advice.Enter Executor own, @Advice.Argument(0) Runnable runnable,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) CompletableFuture future) {
            if (own != null) {
                future = CompletableFuture.runAsync(runnable, own);
            }
        }
    }

    /** Left by {@code CompletableFuture.delayedExecutor(long, TimeUnit)}: its tasks go to the hosted guest's own pool. */
    static final class DelayedExecutor {

        private DelayedExecutor() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Executor own, @Advice.Argument(0) long delay, @Advice.Argument(1) TimeUnit unit,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Executor executor) {
            if (own != null) {
                executor = CompletableFuture.delayedExecutor(delay, unit, own);
            }
        }
    }
}
