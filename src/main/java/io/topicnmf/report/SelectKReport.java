package io.topicnmf.report;

import io.topicnmf.analysis.LanguageCheck;
import io.topicnmf.eval.KSelection;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.KSweep;
import io.topicnmf.model.PreparedCorpus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code select-k.json}, format {@value #FORMAT}: the candidates' measurements and the recommended
 * number of topics. docs/select-k.schema.json is its schema; README.md documents every field.
 *
 * @param format always {@value #FORMAT}
 * @param tool name and version of the tool that wrote it
 * @param command always "select-k"
 * @param parameters the sweep's options, then every option of the fits as in report.json (without
 *     {@code clusters}), then {@code k}: the candidates
 * @param corpus what was read and the matrix's size
 * @param rule the tolerances of the recommendation and the rule in words
 * @param recommendedK the recommended number of topics
 * @param note when the recommendation is an end of the range, the advice to widen it; else null
 * @param candidates one row per candidate k, in increasing k
 * @param timings seconds of the preparation and of the fits
 */
public record SelectKReport(
    String format,
    ToolInfo tool,
    String command,
    Map<String, Object> parameters,
    Corpus corpus,
    Rule rule,
    int recommendedK,
    String note,
    List<KSweep.Row> candidates,
    Timings timings) {
  public static final String FORMAT = "topicnmf-select-k/1";

  public SelectKReport {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    candidates = List.copyOf(candidates);
  }

  /**
   * What was read.
   *
   * @param root the folder or file read
   * @param documentsRead documents read and used
   * @param documentsSkipped number of files skipped
   * @param documentsWithTerms documents with at least one vocabulary term
   * @param terms vocabulary size (matrix columns)
   * @param nonZeros stored entries of the document-term matrix
   * @param language whether the text looks like another language than the configured one
   */
  public record Corpus(String root, int documentsRead, int documentsSkipped, int documentsWithTerms, int terms,
      long nonZeros, LanguageCheck language) {}

  /**
   * How the recommendation was made.
   *
   * @param stabilityTolerance how far below the best term stability a kept k may be
   * @param clusterTolerance how far below the best cluster stability a kept k may be
   * @param npmiTolerance how far below the best mean NPMI a kept k may be
   * @param description the rule in words
   */
  public record Rule(double stabilityTolerance, double clusterTolerance, double npmiTolerance, String description) {}

  /**
   * Wall-clock seconds.
   *
   * @param prepareSeconds reading, analysis and the matrix
   * @param fitSeconds the fits of every candidate and subsample
   * @param totalSeconds both
   */
  public record Timings(double prepareSeconds, double fitSeconds, double totalSeconds) {}

  /**
   * The report of a sweep over {@code sweep.ks()} on a prepared corpus.
   *
   * @param options the options of the fits (their k is the first candidate's)
   */
  public static SelectKReport of(PreparedCorpus p, FitOptions options, KSweep.Options sweep, KSweep.Result result,
      Timings timings) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("samples", sweep.samples());
    params.put("sampleFraction", sweep.sampleFraction());
    params.put("stabilityTerms", sweep.stabilityTerms());
    // The tolerance the sweep's fits ran with (auto resolved: KL coordinate descent in memory).
    params.putAll(Reports.parameters(options.withNmf(options.nmf().withTolResolved())));
    params.remove("k");
    params.remove("clusters"); // select-k puts no document in a cluster
    params.put("k", sweep.ks());
    Corpus corpus = new Corpus(p.corpus().root(), p.corpus().documents().size(), p.corpus().skipped().size(),
        p.documentsWithTerms(), p.vocabulary().size(), p.matrix().nnz(), p.languageCheck());
    Rule rule = new Rule(KSelection.DEFAULT_STABILITY_TOLERANCE, KSelection.DEFAULT_CLUSTER_TOLERANCE,
        KSelection.DEFAULT_NPMI_TOLERANCE, KSelection.RULE);
    return new SelectKReport(FORMAT, ToolInfo.current(), "select-k", params, corpus, rule, result.recommendedK(),
        KSelection.edgeNote(result.recommendedK(), sweep.ks()),
        result.rows(), timings);
  }
}
