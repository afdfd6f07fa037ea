import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.topicnmf.analysis.AnalyzedCorpus;
import io.topicnmf.analysis.CorpusAnalyzer;
import io.topicnmf.analysis.AnalysisListener;
import io.topicnmf.corpus.Document;
import io.topicnmf.model.FitListener;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.PreparedCorpus;
import io.topicnmf.model.TopicModeler;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the documents of CORPUS as {@code topicnmf fit} (default text options) analyses them: one
 * JSON line per document, in the report's document order, {@code {"id": ..., "tokens": [...]}},
 * every token the analysis chain emits in text order (terms pruned from the vocabulary included,
 * since they still take a position in a sliding window). bench/coherence_vs_gensim.py feeds these
 * token lists to gensim, so both tools see the same tokenisation. It goes through the library
 * (TopicModeler.prepare, then the same CorpusAnalyzer call on the documents it read) rather than
 * a command-line option, so the tool carries no debug flag.
 *
 * <pre>java -cp target/topicnmf.jar bench/AnalysedTokens.java CORPUS OUT.jsonl</pre>
 *
 * Prints "documents terms" (documents read, vocabulary size) for a check against the report.
 */
public final class AnalysedTokens {
  private AnalysedTokens() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: AnalysedTokens CORPUS OUT.jsonl");
      System.exit(2);
    }
    FitOptions options = FitOptions.defaults(2);
    PreparedCorpus p = new TopicModeler(options).prepare(Path.of(args[0]), FitListener.NONE);
    List<Document> docs = p.corpus().documents();
    AnalyzedCorpus analysed = CorpusAnalyzer.analyze(docs, p.options().analysis(),
        Runtime.getRuntime().availableProcessors(), AnalysisListener.NONE);
    try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8);
        JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.setRootValueSeparator(null);
      for (int d = 0; d < docs.size(); d++) {
        g.writeStartObject();
        g.writeStringField("id", docs.get(d).id());
        g.writeArrayFieldStart("tokens");
        for (String t : analysed.documentTerms().get(d)) g.writeString(t);
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
    System.out.println(docs.size() + " " + p.vocabulary().size());
  }
}
