package io.topicnmf.matrix.io;

import java.util.Locale;

/**
 * Parses decimal numbers as they appear in Matrix Market and numeric CSV files, exactly and
 * without regular expressions: the shared number syntax of the two readers. Non-instantiable.
 */
final class Decimals {
  private Decimals() {}

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * Parses a decimal number in {@code s[start, end)}: optional sign, digits with an optional
   * point, optional exponent ({@code e}, {@code E}, or Fortran's {@code d}, {@code D}). Returns
   * NaN when the text is not such a number (the caller tells a real "NaN" apart), and infinity on
   * overflow or for "inf".
   *
   * <p>The fast path is exact (Clinger 1990): when the digits form an integer m below 2^53 and the
   * decimal exponent e satisfies |e| ≤ 22, both m and 10^|e| are exact doubles, so one IEEE
   * multiplication or division rounds correctly. Anything else goes to {@link
   * Double#parseDouble}, which is correctly rounded too.
   */
  static double parseDouble(String s, int start, int end) {
    int i = start;
    boolean neg = false;
    if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    long m = 0;
    int sig = 0; // significant digits accumulated in m
    int exp = 0;
    int digits = 0;
    boolean exact = true;
    char c;
    while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
      digits++;
      if (sig < 18) {
        m = m * 10 + (c - '0');
        if (m != 0) sig++;
      } else {
        exact = false;
      }
      i++;
    }
    if (i < end && s.charAt(i) == '.') {
      i++;
      while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
        digits++;
        if (sig < 18) {
          m = m * 10 + (c - '0');
          if (m != 0) sig++;
          exp--;
        } else {
          exact = false;
        }
        i++;
      }
    }
    if (digits == 0) {
      return specialValue(s, start, end);
    }
    boolean fortranExponent = false;
    if (i < end && ((c = s.charAt(i)) == 'e' || c == 'E' || c == 'd' || c == 'D')) {
      fortranExponent = c == 'd' || c == 'D';
      i++;
      boolean eneg = false;
      if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        eneg = s.charAt(i) == '-';
        i++;
      }
      int edigits = 0;
      int e = 0;
      while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
        if (e < 100_000) e = e * 10 + (c - '0');
        edigits++;
        i++;
      }
      if (edigits == 0) {
        return Double.NaN;
      }
      exp += eneg ? -e : e;
    }
    if (i != end) {
      return Double.NaN;
    }
    if (m == 0 && exact) {
      return neg ? -0.0 : 0.0;
    }
    if (exact && m < (1L << 53) && exp >= -22 && exp <= 22) {
      double v = exp >= 0 ? m * POW10[exp] : m / POW10[-exp];
      return neg ? -v : v;
    }
    String text = s.substring(start, end);
    if (fortranExponent) {
      text = text.replace('d', 'e').replace('D', 'e');
    }
    return Double.parseDouble(text);
  }

  private static double specialValue(String s, int start, int end) {
    int i = start;
    boolean neg = false;
    if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    String word = s.substring(i, end).toLowerCase(Locale.ROOT);
    if (word.equals("inf") || word.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.NaN;
  }

  static boolean isNanToken(String s, int start, int end) {
    int i = start;
    if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
    return s.substring(i, end).equalsIgnoreCase("nan");
  }
}
