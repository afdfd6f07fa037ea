package io.topicnmf.analysis;

import io.topicnmf.corpus.Document;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.CharArraySet;

/**
 * A guess at the language of a corpus, to warn when {@code --language} looks wrong (an English
 * analysis of German text keeps every German function word as a term, and the topics fill with
 * them). It reads a fixed sample of the documents, splits it into words (runs of letters, lower
 * case) and counts, for each language, the share of words in that language's Lucene stop-word
 * list: function words are a quarter to a half of running text in its own language and a few
 * per cent in another. Text that is mostly CJK points to {@code standard}. The guess advises,
 * and with {@code --language auto} it chooses the analysis language ({@link #choice}).
 *
 * @param configured the {@code --language} of the run
 * @param detected the language whose stop words are most frequent (or {@code standard} for CJK
 *     text); null when the sample has no words
 * @param configuredShare share of the sample's words that are stop words of {@code configured}
 * @param detectedShare the same for {@code detected}
 * @param mismatch whether {@code detected} is clearly more likely than {@code configured}
 * @param advice one line for the user when {@code mismatch}, else null
 * @param automatic whether {@code configured} was chosen from this check ({@code --language auto})
 *     rather than given
 */
public record LanguageCheck(String configured, String detected, double configuredShare,
    double detectedShare, boolean mismatch, String advice, boolean automatic) {

  public LanguageCheck(String configured, String detected, double configuredShare,
      double detectedShare, boolean mismatch, String advice) {
    this(configured, detected, configuredShare, detectedShare, mismatch, advice, false);
  }

  /**
   * The language {@code --language auto} analyses with: the detected one when the text is mostly
   * CJK ({@code standard}) or when at least {@value #MIN_SHARE} of the sample's words are its stop
   * words; otherwise (no words, or too few function words to tell, as in lists of keywords) the
   * configured one, English by default.
   */
  public Language choice() {
    if (detected == null) {
      return Language.parse(configured);
    }
    if (detected.equals(Language.STANDARD.code()) || detectedShare >= MIN_SHARE) {
      return Language.parse(detected);
    }
    return Language.parse(configured);
  }

  /** This check with {@code automatic} set: its configured language was chosen by {@link #choice}. */
  public LanguageCheck asAutomatic() {
    return new LanguageCheck(configured, detected, configuredShare, detectedShare, mismatch, advice, true);
  }

  /** Documents sampled (evenly spaced, so the check is deterministic) and characters read from each. */
  static final int SAMPLE_DOCUMENTS = 200;
  public static final int SAMPLE_CHARS = 5_000;
  /** A language is reported only when this share of the words are its stop words ... */
  static final double MIN_SHARE = 0.10;
  /** ... and it is at least this many times the configured language's share. */
  static final double MIN_RATIO = 2.0;
  /** Share of CJK letters above which the text is taken for CJK. */
  static final double CJK_SHARE = 0.3;

  /** Checks {@code documents} against {@code configured} (not {@link Language#AUTO}). */
  public static LanguageCheck of(List<Document> documents, Language configured) {
    int[] sample = sample(documents.size());
    List<String> texts = new java.util.ArrayList<>(sample.length);
    for (int d : sample) texts.add(documents.get(d).text());
    return ofSample(texts, configured);
  }

  /**
   * The documents {@link #of} reads of a corpus of {@code n}: evenly spaced from the first, about
   * {@value #SAMPLE_DOCUMENTS} of them (a streaming read re-reads just these).
   */
  public static int[] sample(int n) {
    int step = Math.max(1, n / SAMPLE_DOCUMENTS);
    int[] out = new int[n == 0 ? 0 : (n - 1) / step + 1];
    for (int i = 0; i < out.length; i++) out[i] = i * step;
    return out;
  }

  /**
   * Checks the texts of a corpus's sample ({@link #sample}), of which the first {@value
   * #SAMPLE_CHARS} characters are read, against {@code configured} (not {@link Language#AUTO}).
   */
  public static LanguageCheck ofSample(List<String> sampled, Language configured) {
    if (configured == Language.AUTO) {
      throw new IllegalArgumentException("the language to check against must be resolved, not auto");
    }
    Language[] languages = Language.values();
    CharArraySet[] sets = new CharArraySet[languages.length];
    for (int l = 0; l < languages.length; l++) {
      boolean none = languages[l] == Language.STANDARD || languages[l] == Language.AUTO;
      sets[l] = none ? null : languages[l].luceneStopwords();
    }
    long[] hits = new long[languages.length];
    long words = 0;
    long letters = 0;
    long cjk = 0;
    char[] word = new char[64];
    for (String text : sampled) {
      int end = Math.min(text.length(), SAMPLE_CHARS);
      int len = 0;
      for (int i = 0; i <= end; i++) {
        char c = i < end ? text.charAt(i) : ' ';
        if (Character.isLetter(c)) {
          letters++;
          if (isCjk(c)) {
            cjk++;
          }
          if (len < word.length) {
            word[len] = Character.toLowerCase(c);
          }
          len++;
        } else if (len > 0) {
          if (len <= word.length) {
            words++;
            for (int l = 0; l < sets.length; l++) {
              if (sets[l] != null && sets[l].contains(word, 0, len)) {
                hits[l]++;
              }
            }
          }
          len = 0;
        }
      }
    }
    String code = configured.code();
    if (words == 0 && cjk == 0) {
      return new LanguageCheck(code, null, 0.0, 0.0, false, null);
    }
    double configuredShare = words == 0 ? 0.0 : (double) hits[configured.ordinal()] / words;
    if (letters > 0 && (double) cjk / letters > CJK_SHARE) {
      boolean cjkMismatch = configured != Language.STANDARD;
      return new LanguageCheck(code, Language.STANDARD.code(), configuredShare, 0.0, cjkMismatch,
          cjkMismatch ? "most of the text is Chinese, Japanese or Korean: try --language standard (CJK bigrams)" : null);
    }
    int best = -1;
    for (int l = 0; l < languages.length; l++) {
      if (sets[l] != null && (best < 0 || hits[l] > hits[best])) {
        best = l;
      }
    }
    double bestShare = (double) hits[best] / words;
    boolean mismatch = configured != Language.STANDARD && languages[best] != configured
        && bestShare >= MIN_SHARE && bestShare >= MIN_RATIO * configuredShare;
    String detected = languages[best].code();
    String advice = mismatch ? String.format(Locale.ROOT,
        "the text reads like '%s' (%.0f%% of its words are %s stop words, %.0f%% are %s ones): try --language %s",
        detected, 100 * bestShare, detected, 100 * configuredShare, code, detected) : null;
    return new LanguageCheck(code, detected, configuredShare, bestShare, mismatch, advice);
  }

  private static boolean isCjk(char c) {
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
  }
}
