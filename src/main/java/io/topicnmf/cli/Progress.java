package io.topicnmf.cli;

import io.topicnmf.model.FitListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr: a live, rewritten line on a terminal; one plain line per finished stage
 * otherwise; nothing with --quiet (the command still prints its final summary line).
 */
final class Progress implements FitListener {
  enum Mode { LIVE, PLAIN, QUIET }

  private final PrintWriter err;
  private final Mode mode;
  private long lastDraw;
  private String stage = "";
  private int lineLength;

  Progress(PrintWriter err, Mode mode) {
    this.err = err;
    this.mode = mode;
  }

  /** LIVE when stderr looks like a terminal, PLAIN otherwise, QUIET when asked. */
  static Mode mode(boolean quiet) {
    if (quiet) return Mode.QUIET;
    return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"))
        ? Mode.LIVE
        : Mode.PLAIN;
  }

  @Override
  public void onStageStart(String name) {
    stage = name;
    if (mode == Mode.LIVE) draw(name + " ...", true);
  }

  @Override
  public void onStageEnd(String name, double seconds, String summary) {
    if (mode == Mode.QUIET) return;
    String line = String.format(Locale.ROOT, "%-8s %s (%.2f s)", name, summary, seconds);
    if (mode == Mode.LIVE) {
      draw(line, true);
      err.println();
      lineLength = 0;
    } else {
      err.println(line);
    }
    err.flush();
  }

  @Override
  public void onFile(int filesSeen, String path) {
    if (mode == Mode.LIVE) draw("read     " + filesSeen + " files  " + shorten(path), false);
  }

  @Override
  public void onDocument(int done, int total) {
    if (mode != Mode.LIVE) return;
    // A streaming read does not know the total: it counts the documents read and analysed.
    if (total <= 0) draw("read     " + done + " documents read and analysed", false);
    else draw("analyse  " + done + "/" + total + " documents", done == total);
  }

  @Override
  public void onIteration(int iteration, int maxIter, double objective) {
    if (mode == Mode.LIVE) {
      draw(String.format(Locale.ROOT, "nmf      iteration %d/%d  objective %.6g", iteration, maxIter, objective), false);
    }
  }

  private void draw(String text, boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < 100_000_000L) return;
    lastDraw = now;
    StringBuilder b = new StringBuilder("\r").append(text);
    for (int i = text.length(); i < lineLength; i++) b.append(' ');
    lineLength = text.length();
    err.print(b);
    err.flush();
  }

  private static String shorten(String p) {
    return p.length() <= 50 ? p : "..." + p.substring(p.length() - 47);
  }

  String stage() {
    return stage;
  }
}
