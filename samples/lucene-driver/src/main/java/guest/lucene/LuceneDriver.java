package guest.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * A small command line over Apache Lucene: in the directory its first argument names
 * ({@code index} by default) it indexes 20,000 generated documents in four commits, merges the
 * index into one segment, opens it again and prints what a parsed query, a sorted search and a
 * range query over points find. The first line names the {@code Directory} that
 * {@code FSDirectory.open} chose, which depends on what the JVM lets Lucene do natively (memory
 * mapping that it can unmap, or plain reads).
 */
public final class LuceneDriver {

    private static final int DOCUMENTS = 20_000;

    private LuceneDriver() {
    }

    public static void main(String[] args) throws IOException, ParseException {
        Path index = Path.of(args.length > 0 ? args[0] : "index");
        try (Directory directory = FSDirectory.open(index);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            System.out.println("directory " + directory.getClass().getSimpleName());
            for (int i = 0; i < DOCUMENTS; i++) {
                Document doc = new Document();
                doc.add(new StringField("id", "d" + i, Field.Store.YES));
                doc.add(new SortedDocValuesField("id", new BytesRef("d" + i)));
                doc.add(new TextField("body", "the quick brown fox number " + i + (i % 7 == 0 ? " jumps" : " sleeps"), Field.Store.NO));
                doc.add(new IntPoint("n", i));
                writer.addDocument(doc);
                if (i % (DOCUMENTS / 4) == DOCUMENTS / 4 - 1) {
                    writer.commit();
                }
            }
            writer.forceMerge(1);
        }
        try (Directory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Query query = new QueryParser("body", new StandardAnalyzer()).parse("jumps AND fox");
            System.out.println("documents " + reader.numDocs() + " in " + reader.leaves().size() + " segment");
            System.out.println("'jumps AND fox' matches " + searcher.count(query));
            TopDocs first = searcher.search(query, 3, new Sort(new SortField("id", SortField.Type.STRING)));
            for (ScoreDoc hit : first.scoreDocs) {
                System.out.println("  " + searcher.storedFields().document(hit.doc).get("id"));
            }
            System.out.println("n in [100, 199] matches " + searcher.count(IntPoint.newRangeQuery("n", 100, 199)));
        }
        try (Stream<Path> files = Files.list(index)) {
            System.out.println("index files written: " + (files.count() > 1));
        }
    }
}
