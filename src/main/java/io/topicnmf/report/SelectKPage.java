package io.topicnmf.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * select-k.html: stability (with its minimum over subsamples), mean NPMI and the objective against
 * k as inline SVG charts, the recommended k marked, and the candidates' table; self-contained like
 * {@link ReportPage}.
 */
public final class SelectKPage {
  private SelectKPage() {}

  /**
   * Writes select-k.html atomically from the select-k report: whatever object is written as
   * select-k.json, with its fields {@code recommendedK}, {@code candidates} (k, stability,
   * stabilityMin, meanNpmi, meanUmass, diversity, objective, relativeError, iterations, seconds),
   * {@code corpus}, {@code parameters}, {@code rule} and {@code tool}.
   */
  public static void write(Object selectK, Path file) throws IOException {
    HtmlPages.write("select-k.html", java.util.List.of("select-k.js"), selectK, file);
  }
}
