package io.topicnmf.report;

import io.topicnmf.model.DocumentTopics;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Topics over time: each topic's share of the documents of each period (day, week, month or year),
 * from the documents' dates ({@link DateParsing}). README.md, "Topics over time", documents every
 * field.
 *
 * @param field the metadata field the dates were read from ({@code --date-field}, or "Date" for
 *     mail)
 * @param period "day", "week" (ISO weeks, from Monday), "month" or "year"
 * @param periodChosen "automatic" (from the span of the dates) or "given" ({@code --period})
 * @param documentsDated documents whose date could be read
 * @param documentsUndated documents without the field or with a value that is not a date (counted,
 *     still in every other part of the report)
 * @param documentsUnparsed of those, the ones whose field held a value that is not a date
 * @param unparsedExamples up to {@value #EXAMPLES} such values, in document order
 * @param first the earliest date (ISO 8601), null without dated documents
 * @param last the latest date, null without dated documents
 * @param periods every period from the one of {@code first} to the one of {@code last}, in order,
 *     empty ones included
 */
public record Timeline(
    String field,
    String period,
    String periodChosen,
    int documentsDated,
    int documentsUndated,
    int documentsUnparsed,
    List<String> unparsedExamples,
    String first,
    String last,
    List<Period> periods) {
  /** The most unreadable values listed. */
  public static final int EXAMPLES = 5;

  /** The most periods a timeline may have. */
  public static final int MAX_PERIODS = 10_000;

  public Timeline {
    unparsedExamples = List.copyOf(unparsedExamples);
    periods = List.copyOf(periods);
  }

  /**
   * One period.
   *
   * @param start its first day (ISO 8601 date)
   * @param documents dated documents in it
   * @param withTopics of those, the ones with topic weights
   * @param shares per topic, the mean of its weight over the documents with topics (they sum to 1;
   *     all 0 when none)
   * @param clusters per topic, how many of the period's documents are in its cluster
   */
  public record Period(String start, int documents, int withTopics, List<Double> shares, List<Integer> clusters) {
    public Period {
      shares = List.copyOf(shares);
      clusters = List.copyOf(clusters);
    }
  }

  /** The period lengths, shortest first. */
  public enum Unit {
    DAY, WEEK, MONTH, YEAR;

    /** The first day of the period of this length holding {@code d}. */
    LocalDate start(LocalDate d) {
      return switch (this) {
        case DAY -> d;
        case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTH -> d.withDayOfMonth(1);
        case YEAR -> d.withDayOfYear(1);
      };
    }

    LocalDate next(LocalDate start) {
      return switch (this) {
        case DAY -> start.plusDays(1);
        case WEEK -> start.plusWeeks(1);
        case MONTH -> start.plusMonths(1);
        case YEAR -> start.plusYears(1);
      };
    }

    long count(LocalDate first, LocalDate last) {
      LocalDate a = start(first);
      LocalDate b = start(last);
      return switch (this) {
        case DAY -> ChronoUnit.DAYS.between(a, b) + 1;
        case WEEK -> ChronoUnit.WEEKS.between(a, b) + 1;
        case MONTH -> ChronoUnit.MONTHS.between(a, b) + 1;
        case YEAR -> ChronoUnit.YEARS.between(a, b) + 1;
      };
    }

    /** The name as {@code --period} and the report write it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The unit of a {@code --period} value.
     *
     * @throws IllegalArgumentException naming {@code --period}
     */
    public static Unit parse(String s) {
      for (Unit u : values()) if (u.label().equalsIgnoreCase(s.strip())) return u;
      throw new IllegalArgumentException("--period '" + s + "' must be day, week, month or year");
    }

    /**
     * The period for dates from {@code first} to {@code last}: day up to 62 days, week up to 2
     * years (730 days), month up to 15 years (5,479 days), else year; so a chart has at most about
     * 180 points.
     */
    public static Unit automatic(LocalDate first, LocalDate last) {
      long days = ChronoUnit.DAYS.between(first, last);
      return days <= 62 ? DAY : days <= 730 ? WEEK : days <= 5479 ? MONTH : YEAR;
    }
  }

  /**
   * The timeline of {@code documents} over {@code k} topics, dated by their metadata field {@code
   * field}.
   *
   * @param unit the period, or null to choose it from the span of the dates
   * @throws IllegalArgumentException naming {@code --period} when the period given would make more
   *     than {@value #MAX_PERIODS} periods
   */
  public static Timeline of(List<DocumentTopics> documents, int k, String field, Unit unit) {
    LocalDate[] dates = new LocalDate[documents.size()];
    int unparsed = 0;
    List<String> examples = new ArrayList<>();
    LocalDate first = null;
    LocalDate last = null;
    for (int i = 0; i < dates.length; i++) {
      String value = documents.get(i).metadata().get(field);
      if (value == null) continue;
      dates[i] = DateParsing.parse(value);
      if (dates[i] == null) {
        unparsed++;
        if (examples.size() < EXAMPLES) examples.add(value);
        continue;
      }
      if (first == null || dates[i].isBefore(first)) first = dates[i];
      if (last == null || dates[i].isAfter(last)) last = dates[i];
    }
    int dated = 0;
    for (LocalDate d : dates) if (d != null) dated++;
    Unit u = unit != null ? unit : first == null ? Unit.MONTH : Unit.automatic(first, last);
    String chosen = unit != null ? "given" : "automatic";
    if (first == null) {
      return new Timeline(field, u.label(), chosen, 0, documents.size(), unparsed, examples, null, null, List.of());
    }
    long count = u.count(first, last);
    if (count > MAX_PERIODS) {
      throw new IllegalArgumentException("--period " + u.label() + " makes " + count + " periods between "
          + first + " and " + last + " (at most " + MAX_PERIODS + "): give a longer --period, or leave it out");
    }
    return new Timeline(field, u.label(), chosen, dated, documents.size() - dated, unparsed, examples,
        first.toString(), last.toString(), periods(documents, dates, k, u, first, (int) count));
  }

  private static List<Period> periods(List<DocumentTopics> documents, LocalDate[] dates, int k, Unit u,
      LocalDate first, int count) {
    LocalDate origin = u.start(first);
    int[] docs = new int[count];
    int[] withTopics = new int[count];
    double[][] sums = new double[count][k];
    int[][] clusters = new int[count][k];
    for (int i = 0; i < dates.length; i++) {
      if (dates[i] == null) continue;
      int p = (int) (u.count(origin, dates[i]) - 1);
      docs[p]++;
      DocumentTopics d = documents.get(i);
      if (d.weights().isEmpty()) continue;
      withTopics[p]++;
      for (int t = 0; t < k; t++) sums[p][t] += d.weights().get(t);
      if (d.cluster() != null) clusters[p][d.cluster()]++;
    }
    List<Period> out = new ArrayList<>(count);
    LocalDate start = origin;
    for (int p = 0; p < count; p++) {
      List<Double> shares = new ArrayList<>(k);
      List<Integer> sizes = new ArrayList<>(k);
      for (int t = 0; t < k; t++) {
        shares.add(withTopics[p] == 0 ? 0.0 : sums[p][t] / withTopics[p]);
        sizes.add(clusters[p][t]);
      }
      out.add(new Period(start.toString(), docs[p], withTopics[p], shares, sizes));
      start = u.next(start);
    }
    return out;
  }
}
