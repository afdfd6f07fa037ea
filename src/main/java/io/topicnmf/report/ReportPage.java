package io.topicnmf.report;

import io.topicnmf.model.Cluster;
import io.topicnmf.model.DocumentTopics;
import io.topicnmf.model.Topic;
import io.topicnmf.model.TopicModelResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * report.html: one self-contained page (style, scripts and data inline, no network request) to
 * explore a report: an overview, each topic's top terms as a bar chart with its size, coherence and
 * most representative documents (with a snippet of their text) and the topics whose clusters its
 * cluster absorbed (or the cluster it was merged into), the LDAvis intertopic distance map
 * with its λ slider, the topics × labels table as a heat map when there are labels, the topics over
 * time as a chart when documents have dates ({@link Timeline}), the topic hierarchy as a dendrogram
 * when the model was reduced ({@link TopicTree}), and a searchable, sortable, paged table of the
 * documents (with their metadata fields as columns) that a click on a topic filters.
 *
 * <p>The page's data is a compact digest of the report, not the report itself: each document's
 * mixture keeps only the topics with at least {@value #MIN_WEIGHT} of its weights (rounded to 3
 * decimals), and beyond {@value #MAX_DOCUMENTS} documents the table holds an evenly spaced sample
 * of that many (the page says so). At 21,577 documents (Reuters-21578, three metadata fields) the
 * file is about 2.1 MB; bench/RESULTS.md has the sizes and load times.
 */
public final class ReportPage {
  /** Documents the page's table holds at most; beyond, an evenly spaced sample of this many. */
  public static final int MAX_DOCUMENTS = 50_000;

  /** Representative documents shown per topic. */
  public static final int REPRESENTATIVES = 5;

  /** Smallest share of a document's weights drawn in its topic mixture. */
  public static final double MIN_WEIGHT = 0.01;

  /** The longest metadata value the page's table shows; a longer one is cut there, ending in "…". */
  public static final int MAX_METADATA_CHARS = 80;

  /** The page's scripts after common.js, in order. */
  static final List<String> SCRIPTS = List.of("report-charts.js", "report.js");

  private ReportPage() {}

  /**
   * Writes report.html atomically for {@code report}, the report of {@code result}; the intertopic
   * map comes from {@link LdaVis#of(TopicModelResult)}, or is replaced by a note saying why when
   * LdaVis cannot describe the fit (a topic with an all-zero row of H, no document with weights).
   *
   * @param snippets text extracts by document id ({@link Snippets}, for {@link #quotedDocuments});
   *     documents without one show none
   */
  public static void write(Report report, TopicModelResult result, Map<String, String> snippets, Path file)
      throws IOException {
    write(report, () -> LdaVis.of(result), snippets, file);
  }

  /**
   * As {@link #write(Report, TopicModelResult, Map, Path)}, the intertopic map from {@code map}
   * (e.g. {@link LdaVis#once}, shared with the ldavis.json of the same run).
   */
  public static void write(Report report, java.util.function.Supplier<LdaVis> map, Map<String, String> snippets,
      Path file) throws IOException {
    LdaVis vis = null;
    String note = null;
    try {
      vis = map.get();
    } catch (IllegalArgumentException e) {
      note = "No intertopic map: " + e.getMessage();
    }
    HtmlPages.write("report.html", SCRIPTS, data(report, vis, note, snippets), file);
  }

  /** The ids of the documents the page quotes: each topic's {@value #REPRESENTATIVES} most representative. */
  public static Set<String> quotedDocuments(Report report) {
    Set<String> ids = new LinkedHashSet<>();
    for (Cluster c : report.clusters()) {
      c.documents().stream().limit(REPRESENTATIVES).forEach(m -> ids.add(m.id()));
    }
    return ids;
  }

  /** The data the page's script reads (package-private for the tests). */
  static Map<String, Object> data(Report report, LdaVis vis, String visNote, Map<String, String> snippets) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("command", report.command());
    d.put("runId", report.runId());
    d.put("tool", report.tool());
    Map<String, Object> corpus = new LinkedHashMap<>();
    corpus.put("root", report.corpus().root());
    corpus.put("documentsRead", report.corpus().documentsRead());
    corpus.put("documentsSkipped", report.corpus().documentsSkipped());
    corpus.put("documentsWithoutTerms", report.corpus().documentsWithoutTerms());
    corpus.put("terms", report.corpus().terms());
    d.put("corpus", corpus);
    d.put("quality", report.quality());
    d.put("relevance", report.parameters().get("relevance"));
    Map<String, Object> fit = new LinkedHashMap<>();
    fit.put("loss", report.fit().loss());
    fit.put("solver", report.fit().solver());
    fit.put("iterations", report.fit().iterations());
    fit.put("converged", report.fit().converged());
    fit.put("relativeError", report.fit().relativeError());
    d.put("fit", fit);
    d.put("evaluation", report.evaluation());
    d.put("topics", topics(report, snippets));
    d.put("documents", documents(report.documents()));
    d.put("ldavis", vis == null ? null : visData(vis));
    d.put("ldavisNote", visNote);
    d.put("timeline", timeline(report.timeline()));
    d.put("tree", report.reduction() == null ? null : TopicTree.of(report.reduction(), report.topics()));
    return d;
  }

  private static List<Map<String, Object>> topics(Report report, Map<String, String> snippets) {
    Map<Integer, Cluster> clusters = new HashMap<>();
    // The cluster each merged-away topic's documents went to (Cluster#mergedTopics read backwards).
    Map<Integer, Integer> mergedInto = new HashMap<>();
    for (Cluster c : report.clusters()) {
      clusters.put(c.topic(), c);
      for (int u : c.mergedTopics()) mergedInto.put(u, c.topic());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Topic t : report.topics()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id());
      m.put("label", t.label());
      m.put("terms", t.terms().stream().map(tw -> List.of(tw.surface(), tw.weight())).toList());
      m.put("documents", t.documents());
      m.put("npmi", t.npmi());
      m.put("umass", t.umass());
      m.put("cv", t.cv());
      m.put("majorityLabel", t.majorityLabel());
      m.put("majorityShare", t.majorityShare());
      List<Map<String, Object>> reps = new ArrayList<>();
      Cluster c = clusters.get(t.id());
      if (c != null) {
        c.documents().stream().limit(REPRESENTATIVES).forEach(member -> {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("id", member.id());
          r.put("strength", member.strength());
          r.put("snippet", snippets.get(member.id()));
          reps.add(r);
        });
      }
      m.put("representatives", reps);
      m.put("mergedTopics", c == null ? List.of() : c.mergedTopics());
      m.put("mergedInto", mergedInto.get(t.id()));
      out.add(m);
    }
    return out;
  }

  /**
   * Rows [id, label index or -1, cluster or null, strength, [topic, weight, topic, weight, …]], and
   * with metadata a sixth item: the values of {@code fields} in order (null where the document has
   * none), each cut at {@value #MAX_METADATA_CHARS} characters.
   */
  static Map<String, Object> documents(List<DocumentTopics> all) {
    List<DocumentTopics> kept = sample(all, MAX_DOCUMENTS);
    TreeSet<String> labelSet = new TreeSet<>();
    LinkedHashSet<String> fieldSet = new LinkedHashSet<>();
    for (DocumentTopics doc : kept) {
      if (doc.label() != null) labelSet.add(doc.label());
      fieldSet.addAll(doc.metadata().keySet());
    }
    List<String> labels = new ArrayList<>(labelSet);
    List<String> fields = new ArrayList<>(fieldSet);
    Map<String, Integer> labelIndex = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) labelIndex.put(labels.get(i), i);
    List<List<Object>> rows = new ArrayList<>(kept.size());
    for (DocumentTopics doc : kept) {
      List<Object> row = new ArrayList<>(6);
      row.add(doc.id());
      row.add(doc.label() == null ? -1 : labelIndex.get(doc.label()));
      row.add(doc.cluster());
      row.add(Math.round(doc.strength() * 1000) / 1000.0);
      row.add(mixture(doc));
      if (!fields.isEmpty()) {
        List<String> values = new ArrayList<>(fields.size());
        for (String f : fields) values.add(cut(doc.metadata().get(f)));
        row.add(values);
      }
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", all.size());
    out.put("sampled", kept.size() < all.size());
    out.put("limit", MAX_DOCUMENTS);
    out.put("minWeight", MIN_WEIGHT);
    out.put("labels", labels);
    out.put("fields", fields);
    out.put("rows", rows);
    return out;
  }

  /** [topic, weight, …] of the topics with at least {@value #MIN_WEIGHT} of the weights, largest first, rounded to 3 decimals. */
  private static List<Number> mixture(DocumentTopics doc) {
    List<double[]> mix = new ArrayList<>();
    for (int t = 0; t < doc.weights().size(); t++) {
      double w = doc.weights().get(t);
      if (w >= MIN_WEIGHT) mix.add(new double[] {t, w});
    }
    mix.sort(Comparator.comparingDouble((double[] p) -> -p[1]).thenComparingDouble(p -> p[0]));
    List<Number> flat = new ArrayList<>(2 * mix.size());
    for (double[] p : mix) {
      flat.add((int) p[0]);
      flat.add(Math.round(p[1] * 1000) / 1000.0);
    }
    return flat;
  }

  private static String cut(String value) {
    if (value == null || value.length() <= MAX_METADATA_CHARS) return value;
    int end = MAX_METADATA_CHARS - 1;
    if (Character.isHighSurrogate(value.charAt(end - 1))) end--;
    return value.substring(0, end) + "…";
  }

  /**
   * The timeline for the chart: per period its start, its dated documents and the topics' shares
   * (rounded to 4 decimals); null without a timeline.
   */
  static Map<String, Object> timeline(Timeline t) {
    if (t == null) return null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("field", t.field());
    out.put("period", t.period());
    out.put("periodChosen", t.periodChosen());
    out.put("dated", t.documentsDated());
    out.put("undated", t.documentsUndated());
    out.put("unparsed", t.documentsUnparsed());
    out.put("first", t.first());
    out.put("last", t.last());
    List<String> starts = new ArrayList<>(t.periods().size());
    List<Integer> documents = new ArrayList<>(t.periods().size());
    List<List<Double>> shares = new ArrayList<>(t.periods().size());
    for (Timeline.Period p : t.periods()) {
      starts.add(p.start());
      documents.add(p.documents());
      shares.add(p.shares().stream().map(v -> Math.round(v * 10_000) / 10_000.0).toList());
    }
    out.put("starts", starts);
    out.put("documents", documents);
    out.put("shares", shares);
    return out;
  }

  /** All of {@code list} if it has at most {@code limit} items, else {@code limit} evenly spaced ones (first included). */
  static <T> List<T> sample(List<T> list, int limit) {
    int n = list.size();
    if (n <= limit) return list;
    List<T> out = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) out.add(list.get((int) ((long) i * n / limit)));
    return out;
  }

  /**
   * LDAvis's prepared data regrouped for the page: topics by their report ids (LdaVis renumbers
   * them by size), each with its terms' estimated frequency, log probability and log lift, from
   * which the page ranks by relevance for any λ.
   */
  static Map<String, Object> visData(LdaVis vis) {
    List<Integer> order = vis.topicOrder();
    Map<String, List<Object>> mds = vis.mdsDat();
    List<Map<String, Object>> topics = new ArrayList<>();
    for (int a = 0; a < order.size(); a++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", order.get(a) - 1);
      t.put("x", mds.get("x").get(a));
      t.put("y", mds.get("y").get(a));
      t.put("share", ((Number) mds.get("Freq").get(a)).doubleValue() / 100);
      topics.add(t);
    }
    Map<String, List<Object>> ti = vis.tinfo();
    List<Object> term = ti.get("Term");
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Double> totals = new ArrayList<>();
    List<Integer> saliency = new ArrayList<>();
    Map<Integer, List<List<Number>>> byTopic = new LinkedHashMap<>();
    for (int i = 0; i < term.size(); i++) {
      String w = (String) term.get(i);
      String category = (String) ti.get("Category").get(i);
      double total = ((Number) ti.get("Total").get(i)).doubleValue();
      Integer j = index.get(w);
      if (j == null) {
        j = index.size();
        index.put(w, j);
        totals.add(total);
      } else if (!category.equals("Default")) {
        totals.set(j, total); // the unfloored frequency of the topic rows
      }
      if (category.equals("Default")) {
        saliency.add(j);
      } else {
        int topic = order.get(Integer.parseInt(category.substring("Topic".length())) - 1) - 1;
        byTopic.computeIfAbsent(topic, x -> new ArrayList<>()).add(List.of(j,
            round(((Number) ti.get("Freq").get(i)).doubleValue()),
            ((Number) ti.get("logprob").get(i)).doubleValue(),
            ((Number) ti.get("loglift").get(i)).doubleValue()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("r", vis.r());
    out.put("lambdaStep", vis.lambdaStep());
    out.put("topics", topics);
    out.put("terms", new ArrayList<>(index.keySet()));
    out.put("totals", totals.stream().map(ReportPage::round).toList());
    out.put("saliency", saliency);
    out.put("byTopic", byTopic);
    return out;
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
