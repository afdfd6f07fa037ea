package io.topicnmf.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the date of a document from a metadata value, as a calendar day in UTC. Accepted forms
 * (README.md, "Topics over time"):
 *
 * <ul>
 *   <li>ISO 8601: a date ({@code 2024-03-05}), a year-month ({@code 2024-03}, its first day), a
 *       year ({@code 2024}, its first day), a date-time with or without seconds, fraction, and
 *       offset ({@code 2024-03-05T10:15:30Z}, {@code 2024-03-05T10:15+01:00}, {@code +0100}); a
 *       space may stand for the 'T'; a date-time without offset is taken as UTC;
 *   <li>mail dates as RFC 5322/2822 and RFC 1123 write them ({@code Tue, 3 Jun 2008 11:05:30
 *       +0200}), with the obsolete forms of RFC 822 that old archives hold: two-digit years (below
 *       50: 20xx, else 19xx), zone names UT, GMT, Z, EST, EDT, CST, CDT, MST, MDT, PST, PDT (any
 *       other name as UTC), comments in parentheses, no seconds or no zone (UTC); and the C
 *       asctime form of mbox separator lines ({@code Sun Jan  2 00:00:00 2000});
 *   <li>Unix time: 9 to 11 digits are seconds, 12 to 14 digits milliseconds since 1970-01-01 UTC.
 * </ul>
 *
 * A date-time is converted to UTC before its day is taken. Anything else is not a date (null).
 * Non-instantiable.
 */
public final class DateParsing {
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private static final Map<String, Integer> ZONES = Map.ofEntries(
      Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("z", 0),
      Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
      Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7));

  private DateParsing() {}

  /** The UTC day of {@code value}, or null when it is not a date in an accepted form. */
  public static LocalDate parse(String value) {
    if (value == null) return null;
    String v = value.strip();
    if (v.isEmpty() || v.length() > 100) return null;
    try {
      if (v.chars().allMatch(c -> c >= '0' && c <= '9')) return digits(v);
      if (v.length() >= 7 && Character.isDigit(v.charAt(0)) && v.charAt(4) == '-' && allDigits(v, 0, 4)) {
        return iso(v);
      }
      return mail(v);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) if (!Character.isDigit(s.charAt(i))) return false;
    return true;
  }

  private static LocalDate digits(String v) {
    int n = v.length();
    if (n == 4) return LocalDate.of(Integer.parseInt(v), 1, 1);
    if (n >= 9 && n <= 11) return utcDay(Instant.ofEpochSecond(Long.parseLong(v)));
    if (n >= 12 && n <= 14) return utcDay(Instant.ofEpochMilli(Long.parseLong(v)));
    return null;
  }

  private static LocalDate utcDay(Instant i) {
    return LocalDate.ofInstant(i, ZoneOffset.UTC);
  }

  private static LocalDate iso(String v) {
    if (v.length() == 7) return YearMonth.parse(v).atDay(1);
    if (v.length() == 10) return LocalDate.parse(v);
    String t = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11).strip() : v;
    // +0100 as +01:00, which the ISO formatters read.
    int len = t.length();
    if (len > 5 && (t.charAt(len - 5) == '+' || t.charAt(len - 5) == '-') && allDigits(t, len - 4, len)
        && t.indexOf('T') < len - 5) {
      t = t.substring(0, len - 2) + ":" + t.substring(len - 2);
    }
    char last = t.charAt(t.length() - 1);
    boolean zoned = last == 'Z' || last == 'z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10;
    if (zoned) {
      return utcDay(OffsetDateTime.parse(t.replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    }
    return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toLocalDate();
  }

  /** RFC 5322 / 2822 / 1123 / 822 mail dates and the asctime form. */
  private static LocalDate mail(String v) {
    List<String> tokens = tokens(v);
    int p = 0;
    if (p < tokens.size() && isWord(tokens.get(p)) && month(tokens.get(p)) < 0) p++; // day of week
    if (tokens.size() - p < 3) return null;
    int day;
    int month;
    int year;
    String time;
    int next;
    if (month(tokens.get(p)) >= 0) {
      // asctime: Jan 2 00:00:00 2000
      if (tokens.size() - p < 4) return null;
      month = month(tokens.get(p));
      day = Integer.parseInt(tokens.get(p + 1));
      time = tokens.get(p + 2);
      year = year(tokens.get(p + 3));
      next = p + 4;
    } else {
      day = Integer.parseInt(tokens.get(p));
      month = month(tokens.get(p + 1));
      year = year(tokens.get(p + 2));
      time = p + 3 < tokens.size() ? tokens.get(p + 3) : "00:00";
      next = p + 4;
    }
    if (month < 0 || year < 0) return null;
    String[] hms = time.split(":");
    if (hms.length < 2 || hms.length > 3) return null;
    LocalDateTime local = LocalDateTime.of(year, month + 1, day, Integer.parseInt(hms[0]), Integer.parseInt(hms[1]),
        hms.length == 3 ? Integer.parseInt(hms[2]) : 0);
    ZoneOffset offset = next < tokens.size() ? zone(tokens.get(next)) : ZoneOffset.UTC;
    if (offset == null) return null;
    return utcDay(local.toInstant(offset));
  }

  /** The words of a mail date: commas as spaces, comments in parentheses left out. */
  private static List<String> tokens(String v) {
    StringBuilder b = new StringBuilder(v.length());
    int depth = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '(') depth++;
      else if (c == ')') depth = Math.max(0, depth - 1);
      else if (depth == 0) b.append(c == ',' ? ' ' : c);
    }
    List<String> out = new ArrayList<>();
    for (String t : b.toString().trim().split("\\s+")) if (!t.isEmpty()) out.add(t);
    return out;
  }

  private static boolean isWord(String s) {
    return s.chars().allMatch(Character::isLetter);
  }

  private static int month(String s) {
    return s.length() >= 3 && isWord(s) ? MONTHS.indexOf(s.substring(0, 3).toLowerCase(Locale.ROOT)) : -1;
  }

  private static int year(String s) {
    if (s.isEmpty() || !allDigits(s, 0, s.length())) return -1;
    int y = Integer.parseInt(s);
    if (s.length() == 2) return y < 50 ? 2000 + y : 1900 + y;
    if (s.length() == 3) return 1900 + y;
    return s.length() == 4 ? y : -1;
  }

  private static ZoneOffset zone(String z) {
    if ((z.startsWith("+") || z.startsWith("-")) && z.length() == 5 && allDigits(z, 1, 5)) {
      int h = Integer.parseInt(z.substring(1, 3));
      int m = Integer.parseInt(z.substring(3, 5));
      int sign = z.charAt(0) == '-' ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
    }
    if (isWord(z)) {
      Integer h = ZONES.get(z.toLowerCase(Locale.ROOT));
      return ZoneOffset.ofHours(h == null ? 0 : h);
    }
    return null;
  }
}
