package io.topicnmf.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.topicnmf.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Assembles the self-contained HTML pages (report.html, select-k.html): a template from this
 * package's resources with the shared head and foot ({@code head.html}, {@code foot.html}), the
 * shared style sheet, the page's data as JSON and its scripts inlined, so the file opens from disk
 * with no network request (the Content-Security-Policy of the head forbids any).
 *
 * <p>The data goes in a {@code <script type="application/json">} element written by Jackson with
 * {@code <}, {@code >} and {@code &} escaped as {@code \u003C}…, so no text of the data (a
 * document's id or snippet) can close the element or open markup; the scripts read it with {@code
 * JSON.parse} and put every text in the page through text nodes, never as HTML.
 */
final class HtmlPages {
  private static final String RESOURCES = "/io/topicnmf/report/";
  private static final ObjectWriter JSON =
      Reports.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT).writer().with(new HtmlSafeEscapes());

  private HtmlPages() {}

  /**
   * Writes {@code file} atomically from template {@code template} (a resource of this package),
   * with {@code data} embedded and the scripts {@code common.js} and {@code scripts} (resources of
   * this package, in this order) inlined.
   */
  static void write(String template, java.util.List<String> scripts, Object data, Path file) throws IOException {
    String page = render(template, scripts, data);
    AtomicFiles.writeText(file, out -> out.write(page));
  }

  /** The page as text (see {@link #write}). */
  static String render(String template, java.util.List<String> scripts, Object data) throws IOException {
    // The templates share head.html (document type, character set, security policy) up to their
    // title, and foot.html (the footer and the places of the data and the scripts) after <main>.
    String html = replaceOnce(replaceOnce(resource(template), "<!--topicnmf:head-->\n", resource("head.html")),
        "<!--topicnmf:foot-->\n", resource("foot.html"));
    String style = "<style>\n" + resource("page.css") + "</style>";
    String json = "<script type=\"application/json\" id=\"topicnmf-data\">" + json(data) + "</script>";
    StringBuilder js = new StringBuilder("<script>\n").append(resource("common.js"));
    for (String script : scripts) js.append('\n').append(resource(script));
    js.append("</script>");
    return replaceOnce(replaceOnce(replaceOnce(html, "<!--topicnmf:style-->", style),
        "<!--topicnmf:data-->", json), "<!--topicnmf:script-->", js.toString());
  }

  /** {@code data} as compact JSON safe inside a script element (no {@code <}, {@code >}, {@code &}). */
  static String json(Object data) throws IOException {
    return JSON.writeValueAsString(data);
  }

  private static String replaceOnce(String text, String marker, String by) {
    int at = text.indexOf(marker);
    if (at < 0 || text.indexOf(marker, at + 1) >= 0) {
      throw new IllegalStateException("page template: marker " + marker + " must appear exactly once");
    }
    return text.substring(0, at) + by + text.substring(at + marker.length());
  }

  static String resource(String name) {
    try (InputStream in = HtmlPages.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCES + name + " (a broken build?)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON escapes that keep the text inert inside HTML: {@code < > &} and the JS line separators. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    HtmlSafeEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == 0x2028) return new SerializedString("\\u2028");
      if (ch == 0x2029) return new SerializedString("\\u2029");
      return null;
    }
  }
}
