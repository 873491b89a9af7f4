package io.jvisor.bench;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.rewrite.Rewriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The rewriter alone, without an agent: each operation passes every class file of the
 * {@link Corpus} (Byte Buddy) through one function, on byte arrays in memory.
 *
 * <pre>
 *   asmCopy       ClassReader -> ClassWriter: the least an ASM-based transformer does (ASM copies
 *                 the constant pool and the method bodies as they are)   [the baseline]
 *   asmRoundTrip  ClassReader -> a pass-through visitor on every method -> ClassWriter, with
 *                 EXPAND_FRAMES and COMPUTE_MAXS: what any transformer pays that rewrites every
 *                 method of every class and needs whole frames
 *   prescan       Rewriter.needsRewrite: the constant-pool scan that decides per class
 *   rewrite       Rewriter.rewrite: prescan, then the rewrite of the classes that need it
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RewriteThroughputBenchmark {

    private byte[][] classFiles;
    private Rewriter rewriter;

    @Setup
    public void setUp() {
        classFiles = Corpus.get().classFiles();
        rewriter = new Rewriter(Catalog.standard());
    }

    @Benchmark
    public void asmCopy(Blackhole blackhole) {
        for (byte[] classFile : classFiles) {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(writer, 0);
            blackhole.consume(writer.toByteArray());
        }
    }

    @Benchmark
    public void asmRoundTrip(Blackhole blackhole) {
        for (byte[] classFile : classFiles) {
            blackhole.consume(roundTrip(classFile));
        }
    }

    @Benchmark
    public void prescan(Blackhole blackhole) {
        for (byte[] classFile : classFiles) {
            blackhole.consume(rewriter.needsRewrite(classFile));
        }
    }

    @Benchmark
    public void rewrite(Blackhole blackhole) {
        for (byte[] classFile : classFiles) {
            blackhole.consume(rewriter.rewrite(classFile));
        }
    }

    /** How many of the corpus's class files the rewriter changes. */
    static int rewrittenClasses() {
        Rewriter r = new Rewriter(Catalog.standard());
        int n = 0;
        for (byte[] classFile : Corpus.get().classFiles()) {
            if (r.rewrite(classFile) != classFile) {
                n++;
            }
        }
        return n;
    }

    static byte[] roundTrip(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) { };
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }
}
