package io.topicnmf.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * The one RFC 4180 record reader of topicnmf, for numeric tables ({@code factorize}) and for
 * {@code .csv} corpora: fields separated by a delimiter, a field may be quoted with {@code "} and
 * then hold delimiters, line breaks and doubled quotes; records end with LF, CRLF or CR. It
 * streams (memory is one record) and knows the line each record starts on.
 *
 * <p>Leniencies, as before the two readers were merged: a quote opens a quoted section only at the
 * start of a field (after blanks when {@code trim}); a quote anywhere else is a plain character,
 * and so is text after a closing quote ({@code "a"b} reads {@code ab}). With {@code trim} each
 * field is trimmed. Blank lines are returned as a record of one empty field ({@link #anyQuoted()}
 * tells {@code ""} apart); callers skip them.
 *
 * <p>A stray quote at the start of a field can swallow the lines after it up to the next quote
 * anywhere in the file. A quoted field that spans lines and then proves broken — closed by a quote
 * followed by other text (the usual sign of a stray quote), never closed before the end, or longer
 * than {@link #maxRecordChars(long)} — is not merged with the lines it swallowed: its record ends
 * at the line the quote opened on and is returned with {@link #malformed()} saying why, and the
 * reading resumes on the next line, so each swallowed record is read as itself. Nothing is lost
 * but the broken record. A quoted field still open at the end of the input on its own line throws
 * {@link UnclosedQuoteException}.
 *
 * <p>Measured against Apache Commons CSV 1.14.1 on a 20 MB CSV of 20 newsgroups texts (bench/csv,
 * bench/RESULTS.md): Commons CSV took 1.05 to 1.58 times as long in four runs, so by the rule of
 * issue 11 (Commons CSV unless it is slower) the hand-written reader stays.
 */
public final class CsvReader implements Closeable {
  private final Reader in;
  private final char delimiter;
  private final boolean trim;
  private final char[] buf = new char[1 << 16];
  private final StringBuilder field = new StringBuilder();
  private int len;
  private int pos;
  private long line = 1;
  private long recordLine;
  private boolean anyQuoted;
  private String malformed;
  private long maxRecordChars = Long.MAX_VALUE;
  private long recordChars;
  /** Characters to read again before {@link #buf} (the lines a broken quoted field swallowed). */
  private String pushback;
  private int pushPos;
  private boolean lastFromPushback;
  /** The raw characters of the quoted field being read after its first line break, or null. */
  private StringBuilder swallowed;
  /** The line after the first line break of the quoted field being read. */
  private long resumeLine;
  /** The length of {@link #field} at that first line break. */
  private int fieldAtBreak;

  /** A quoted field that is never closed; {@link #line()} is where it starts. */
  public static final class UnclosedQuoteException extends IOException {
    private final long line;

    UnclosedQuoteException(long line) {
      super("the quoted field that starts on line " + line + " is never closed");
      this.line = line;
    }

    /** The line the unclosed quoted field starts on (1-based). */
    public long line() {
      return line;
    }
  }

  /**
   * A reader of {@code in}, which it closes.
   *
   * @param delimiter the field separator (',' ';' or tab)
   * @param trim whether fields are trimmed (and a quote after leading blanks opens a quoted field)
   */
  public CsvReader(Reader in, char delimiter, boolean trim) {
    this.in = in;
    this.delimiter = delimiter;
    this.trim = trim;
  }

  /** A record longer than {@link #maxRecordChars(long)} allows. */
  public static final class RecordTooLongException extends IOException {
    RecordTooLongException(long line, long max) {
      super("the record that starts on line " + line + " is longer than " + max + " characters");
    }
  }

  /**
   * Bounds a record's length: a longer one ends the reading with {@link RecordTooLongException}
   * (an unbalanced quote would otherwise make the rest of the file one record, held in memory).
   */
  public CsvReader maxRecordChars(long max) {
    if (max <= 0) {
      throw new IllegalArgumentException("maxRecordChars must be positive, was " + max);
    }
    this.maxRecordChars = max;
    return this;
  }

  /** Skips a UTF-8 byte-order mark at the very start, if there is one; call before {@link #next}. */
  public void skipByteOrderMark() throws IOException {
    if (read() != '\uFEFF') {
      unread();
    }
  }

  /** The line the last record read starts on (1-based). */
  public long recordLine() {
    return recordLine;
  }

  /** Whether the last record read had a quoted field. */
  public boolean anyQuoted() {
    return anyQuoted;
  }

  /** Why the last record read looks malformed (a stray quote that swallowed lines), or null. */
  public String malformed() {
    return malformed;
  }

  /**
   * Reads the next record into {@code fields}; false at the end of the input.
   *
   * @throws UnclosedQuoteException when a quoted field is not closed before the end
   */
  public boolean next(List<String> fields) throws IOException {
    fields.clear();
    recordChars = 0;
    int c = read();
    if (c == -1) {
      return false;
    }
    unread();
    recordLine = line;
    recordChars = 0;
    anyQuoted = false;
    malformed = null;
    field.setLength(0);
    boolean fieldQuoted = false;
    long closedMultiLine = 0; // the start line of a quoted field just closed after spanning lines
    while (true) {
      c = read();
      if (closedMultiLine != 0 && c > ' ' && c != delimiter) {
        return resume("the quoted field that starts on line " + closedMultiLine + " ends on line " + line
            + " with a quote followed by other text (a stray quote?)", fields, true);
      }
      closedMultiLine = 0;
      if (c == '"' && !fieldQuoted && (trim ? isBlank(field) : field.length() == 0)) {
        field.setLength(0);
        long start = line;
        String broken = readQuoted();
        if (broken != null) {
          return resume(broken, fields, false);
        }
        fieldQuoted = true;
        anyQuoted = true;
        closedMultiLine = line > start ? start : 0;
      } else if (c == delimiter) {
        fields.add(value());
        field.setLength(0);
        fieldQuoted = false;
      } else if (c == '\n' || c == '\r' || c == -1) {
        if (c == '\r' && read() != '\n') {
          unread();
        }
        if (c != -1) {
          line++;
        }
        fields.add(value());
        return true;
      } else {
        field.append((char) c);
      }
    }
  }

  /**
   * Ends the record at the first line break of the quoted field that proved broken, marks it
   * malformed with {@code why}, and puts the lines it swallowed back to be read again.
   *
   * @param unreadLast whether the character just read (after the closing quote) is to be read again
   */
  private boolean resume(String why, List<String> fields, boolean unreadLast) {
    if (unreadLast) {
      unread();
    }
    String rest = pushback == null ? "" : pushback.substring(pushPos);
    pushback = swallowed + rest;
    pushPos = 0;
    swallowed = null;
    malformed = why + "; the reading goes on with line " + resumeLine;
    line = resumeLine;
    field.setLength(fieldAtBreak);
    fields.add(value());
    return true;
  }

  private String value() {
    return trim ? field.toString().trim() : field.toString();
  }

  /**
   * Reads a quoted field's content after its opening quote, up to and including the closing one.
   *
   * @return null, or why the field is broken after spanning lines (never closed, or too long): the
   *     caller then resumes after its first line break
   */
  private String readQuoted() throws IOException {
    long start = line;
    swallowed = null;
    while (true) {
      int c;
      try {
        c = read();
      } catch (RecordTooLongException e) {
        if (swallowed == null) {
          throw e;
        }
        return "the quoted field that starts on line " + start + " is still open after " + maxRecordChars
            + " characters (a stray quote?)";
      }
      if (c == -1) {
        if (swallowed == null) {
          throw new UnclosedQuoteException(start);
        }
        return "the quoted field that starts on line " + start + " is never closed";
      }
      if (swallowed != null) {
        swallowed.append((char) c);
      }
      if (c == '"') {
        int d = read();
        if (d == '"') {
          field.append('"');
          if (swallowed != null) {
            swallowed.append('"');
          }
        } else {
          unread();
          return null;
        }
      } else {
        if (c == '\n' || (c == '\r' && peekNot('\n'))) {
          line++;
          if (swallowed == null) {
            swallowed = new StringBuilder();
            resumeLine = line;
            fieldAtBreak = field.length();
          }
        }
        field.append((char) c);
      }
    }
  }

  private int read() throws IOException {
    if (pushback != null && pushPos < pushback.length()) {
      count();
      lastFromPushback = true;
      return pushback.charAt(pushPos++);
    }
    pushback = null;
    lastFromPushback = false;
    if (pos == len) {
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return -1;
      }
    }
    count();
    return buf[pos++];
  }

  /** Counts a character of the record before it is taken, so that one over the bound stays unread. */
  private void count() throws RecordTooLongException {
    if (recordChars >= maxRecordChars) {
      throw new RecordTooLongException(recordLine, maxRecordChars);
    }
    recordChars++;
  }

  /** Steps back over the character just read (always still in the buffer or the pushback). */
  private void unread() {
    if (lastFromPushback) {
      pushPos--;
      recordChars--;
    } else if (pos > 0) {
      pos--;
      recordChars--;
    }
  }

  private boolean peekNot(char expected) throws IOException {
    int c = read();
    if (c != -1) {
      unread();
    }
    return c != expected;
  }

  private static boolean isBlank(StringBuilder sb) {
    for (int i = 0; i < sb.length(); i++) {
      if (sb.charAt(i) > ' ') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
