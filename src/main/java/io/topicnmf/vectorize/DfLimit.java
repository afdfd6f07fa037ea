package io.topicnmf.vectorize;

import io.topicnmf.options.InvalidOptionException;

/**
 * A document-frequency limit as scikit-learn's {@code min_df}/{@code max_df} read it: a whole number
 * (written without a decimal point) is a count of documents, a number with a decimal point or
 * exponent is a share of the documents in [0, 1].
 *
 * @param value the count or the share
 * @param share true when {@code value} is a share of documents
 */
public record DfLimit(double value, boolean share) {
  public DfLimit {
    if (share && !(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("share " + value + " must be within [0.0, 1.0]");
    }
    if (!share && (value < 0 || value != Math.rint(value) || Double.isInfinite(value))) {
      throw new IllegalArgumentException("count " + value + " must be a whole number >= 0");
    }
  }

  public static DfLimit count(int n) { return new DfLimit(n, false); }

  public static DfLimit share(double s) { return new DfLimit(s, true); }

  /**
   * Parses "2" (a count) or "0.95" / "1.0" / "5e-1" (a share).
   *
   * @param parameter the parameter named in error messages, e.g. "minDf"
   */
  public static DfLimit parse(String text, String parameter) {
    String t = text.trim();
    try {
      if (t.contains(".") || t.contains("e") || t.contains("E")) {
        double v = Double.parseDouble(t);
        if (!(v >= 0 && v <= 1)) {
          throw new InvalidOptionException(
              parameter, "{" + parameter + "} " + text + ": a share of documents must be within [0.0, 1.0] (or give a whole number of documents)");
        }
        return share(v);
      }
      long n = Long.parseLong(t);
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new InvalidOptionException(parameter, "{" + parameter + "} " + text + ": a document count must be >= 0");
      }
      return count((int) n);
    } catch (NumberFormatException e) {
      throw new InvalidOptionException(
          parameter, "{" + parameter + "} '" + text + "' is not a number: give a whole number of documents (e.g. 2) or a share (e.g. 0.95)");
    }
  }

  /** The limit as a number of documents out of {@code documents}, as scikit-learn computes it (share × n, not rounded). */
  public double documents(int documents) {
    return share ? value * documents : value;
  }

  /** As the user would write it: "2" or "0.95". */
  @Override
  public String toString() {
    return share ? Double.toString(value) : Long.toString((long) value);
  }
}
