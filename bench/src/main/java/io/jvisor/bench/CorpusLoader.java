package io.jvisor.bench;

/**
 * A class loader that defines the corpus's classes from memory, so that loading them measures
 * parsing and (under jvisor) the transformer, not reading a jar. Its parent is the platform loader.
 */
final class CorpusLoader extends ClassLoader {

    private final Corpus corpus;

    CorpusLoader(Corpus corpus) {
        super("jvisor-bench-corpus", ClassLoader.getPlatformClassLoader());
        this.corpus = corpus;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] classFile = corpus.classFile(name);
        if (classFile == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, classFile, 0, classFile.length);
    }
}
