package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topicnmf.analysis.AnalysisOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The compact analysed partitions (a dictionary per partition, term indices and counts per
 * document) hold exactly what the core's chain gives each document, and the document frequencies
 * reduced from them are the ones counted from the documents directly.
 */
class VectorizingTest extends LocalSpark {
  @Test
  void compactPartitionsHoldEachDocumentsTermsAndCounts() throws Exception {
    AnalysisOptions options = AnalysisOptions.defaults();
    JavaRDD<Inputs.Doc> docs = Inputs.read(spark, SparkFitTest.SAMPLE.toString(), Inputs.Format.AUTO,
        "text", null, null).repartition(3);
    CoreAnalysis.Spec spec = new CoreAnalysis.Spec(options);
    List<Vectorizing.Analysed> parts = Vectorizing.analyse(docs, spec).collect();
    assertEquals(3, parts.size());

    // Each document's terms and counts from the core's chain, directly.
    Map<String, Map<String, Integer>> expected = new HashMap<>();
    Map<String, long[]> frequencies = new TreeMap<>();
    try (CoreAnalysis analysis = new CoreAnalysis(spec)) {
      for (Inputs.Doc d : docs.collect()) {
        if (d.text() == null) continue;
        Map<String, Integer> terms = new TreeMap<>();
        analysis.analyze(d.text()).counts.forEach((t, c) -> terms.put(t, c[0]));
        expected.put(d.id(), terms);
        terms.forEach((t, c) -> {
          long[] f = frequencies.computeIfAbsent(t, x -> new long[2]);
          f[0]++;
          f[1] += c;
        });
      }
    }

    int documents = 0;
    for (Vectorizing.Analysed p : parts) {
      String[] dictionary = p.dictionary();
      for (int q = 1; q < dictionary.length; q++) {
        assertTrue(dictionary[q - 1].compareTo(dictionary[q]) < 0, "dictionary sorted, no repeats");
      }
      for (int i = 0; i < p.documents(); i++) {
        Map<String, Integer> got = new TreeMap<>();
        for (int q = p.rowPtr()[i]; q < p.rowPtr()[i + 1]; q++) {
          assertEquals(null, got.put(dictionary[p.termIds()[q]], p.counts()[q]), "a term twice in " + p.ids()[i]);
        }
        assertEquals(expected.get(p.ids()[i]), got, p.ids()[i]);
        documents++;
      }
    }
    assertEquals(expected.size(), documents);

    Map<String, long[]> reduced = new TreeMap<>(
        Vectorizing.frequencies(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(parts, 3))
            .collectAsMap());
    assertEquals(frequencies.keySet(), reduced.keySet());
    frequencies.forEach((t, f) -> assertArrayEquals(f, reduced.get(t), t));
  }
}
