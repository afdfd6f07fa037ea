package io.topicnmf.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.regex.Pattern;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.FontInfo;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontProvider;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of office documents: PDF (.pdf, through Apache PDFBox's text extraction, pages in
 * order), Word (.docx: the paragraphs of {@code word/document.xml}) and OpenDocument text (.odt:
 * the paragraphs and headings of {@code content.xml}). Papers and reports come in these formats
 * more often than as plain text. A file that cannot be read (encrypted, damaged, or with no text
 * layer, like a scanned PDF, since topicnmf does no OCR) raises {@link UnreadableDocumentException}
 * with the reason, which the reader reports as a skipped file. Non-instantiable.
 */
final class DocumentText {
  /** The most bytes one XML part of a .docx or .odt may expand to; a guard against zip bombs. */
  static final long MAX_PART_BYTES = 256L << 20;

  /**
   * PDFBox reports every odd font or broken object of a PDF as a warning through
   * java.util.logging; the reader reports a file it cannot read itself, so PDFBox's own log is
   * silenced (strong references: loggers are weakly held).
   */
  private static final Logger[] QUIET = {Logger.getLogger("org.apache.pdfbox"), Logger.getLogger("org.apache.fontbox")};

  static {
    for (Logger l : QUIET) {
      l.setLevel(Level.OFF);
    }
    useNoSystemFonts();
  }

  /** What PDFBox's font mapper is given instead of the machine's fonts. */
  static final String NO_SYSTEM_FONTS = "topicnmf: no system fonts";

  /**
   * PDFBox looks for a system font to stand in for each font a PDF uses without embedding it (the
   * standard Helvetica or Times of most generated PDFs): on first use it scans the machine's font
   * folders, which takes seconds where many fonts are installed, and writes what it found to
   * {@code ~/.pdfbox.cache}. Extracting text needs no glyph outlines (widths come from the PDF
   * or from PDFBox's built-in metrics of the standard fonts), so the reader gives the mapper an
   * empty list of fonts: nothing is scanned and no file is written outside the output folder;
   * PDFBox falls back to the fonts it bundles. The mapper's class is not public, so its public
   * {@code setProvider} is reached by reflection; should another PDFBox version lack it, its
   * default stays.
   */
  private static void useNoSystemFonts() {
    FontMapper mapper = FontMappers.instance();
    try {
      Method set = mapper.getClass().getMethod("setProvider", FontProvider.class);
      set.setAccessible(true);
      set.invoke(mapper, new FontProvider() {
        @Override
        public String toDebugString() {
          return NO_SYSTEM_FONTS;
        }

        @Override
        public List<? extends FontInfo> getFontInfo() {
          return List.of();
        }
      });
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Keep PDFBox's default: text is extracted the same, with its font cache.
    }
  }

  private DocumentText() {}

  /** A document whose text cannot be read; the message says why. */
  static final class UnreadableDocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableDocumentException(String message) {
      super(message);
    }
  }

  /** Whether files with this (lower-case) extension are read here. */
  static boolean handles(String ext) {
    return ext.equals("pdf") || ext.equals("docx") || ext.equals("odt");
  }

  /** The text of a .pdf, .docx or .odt file's bytes (never blank). */
  static String text(String ext, byte[] bytes) throws UnreadableDocumentException {
    String text = switch (ext) {
      case "pdf" -> pdf(bytes);
      case "docx" -> zippedXml(bytes, "word/document.xml", "Word document", ext);
      case "odt" -> zippedXml(bytes, "content.xml", "OpenDocument text", ext);
      default -> throw new IllegalArgumentException("not an office document extension: " + ext);
    };
    if (text.isBlank()) {
      throw new UnreadableDocumentException(ext.equals("pdf")
          ? "no text in the PDF (scanned pages? topicnmf does no OCR)"
          : "no text in the document");
    }
    return text;
  }

  private static String pdf(byte[] bytes) throws UnreadableDocumentException {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      return joinHyphenatedLines(new PDFTextStripper().getText(doc));
    } catch (InvalidPasswordException e) {
      throw new UnreadableDocumentException("encrypted PDF (it needs a password)");
    } catch (IOException | RuntimeException e) {
      // PDFBox throws unchecked exceptions on some damaged files too: a bad file must not stop the run.
      throw new UnreadableDocumentException("damaged or unsupported PDF (" + describe(e) + ")");
    }
  }

  /** A lower-case letter, a hyphen (or soft hyphen) ending its line, a lower-case letter opening the next. */
  private static final Pattern LINE_END_HYPHEN = Pattern.compile("(\\p{Ll})[-\u00AD][ \t]*\\R[ \t]*(?=\\p{Ll})");

  /**
   * Joins words a PDF hyphenated across a line break ("coopera-" / "tion" → "cooperation"), as
   * PyMuPDF's dehyphenation does: PDFs keep the typesetter's line breaks, and the pieces would
   * otherwise become tokens of their own. Only a hyphen between lower-case letters at a line end
   * is taken; a compound broken at its own hyphen ("well-" / "known") loses it, which costs less
   * than leaving every broken word in two pieces.
   */
  static String joinHyphenatedLines(String text) {
    return LINE_END_HYPHEN.matcher(text).replaceAll("$1");
  }

  /** The paragraphs of the XML part {@code partName} of a zipped office document. */
  private static String zippedXml(byte[] bytes, String partName, String kind, String ext)
      throws UnreadableDocumentException {
    byte[] xml = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.getName().equals(partName)) {
          xml = FileReaders.readAtMost(zip, MAX_PART_BYTES, partName + " ", 0);
          break;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableDocumentException("damaged ." + ext + " file (" + describe(e) + ")");
    }
    if (xml == null) {
      throw new UnreadableDocumentException("not a " + kind + " (no " + partName + " inside)");
    }
    try {
      return ext.equals("docx") ? docxText(xml) : odtText(xml);
    } catch (XMLStreamException | RuntimeException e) {
      throw new UnreadableDocumentException("damaged ." + ext + " file (" + partName + ": " + describe(e) + ")");
    }
  }

  /** A StAX reader that resolves no DTD and no external entity (the XML comes from the user's files). */
  private static XMLStreamReader xmlReader(byte[] xml) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f.createXMLStreamReader(new ByteArrayInputStream(xml));
  }

  /** WordprocessingML: text runs ({@code w:t}), tabs and breaks; a line per paragraph ({@code w:p}). */
  static String docxText(byte[] xml) throws XMLStreamException {
    XMLStreamReader r = xmlReader(xml);
    StringBuilder sb = new StringBuilder();
    boolean inText = false;
    try {
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "t" -> inText = true;
            case "tab" -> sb.append('\t');
            case "br", "cr" -> sb.append('\n');
            default -> { }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          switch (r.getLocalName()) {
            case "t" -> inText = false;
            case "p" -> sb.append('\n');
            default -> { }
          }
        } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
          sb.append(r.getText());
        }
      }
    } finally {
      r.close();
    }
    return sb.toString();
  }

  /**
   * OpenDocument text: the character data of the document body, a line per paragraph or heading
   * ({@code text:p}, {@code text:h}), {@code text:s} as spaces, tabs and line breaks kept.
   */
  static String odtText(byte[] xml) throws XMLStreamException {
    XMLStreamReader r = xmlReader(xml);
    StringBuilder sb = new StringBuilder();
    int inBody = 0;
    try {
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          if (name.equals("body")) {
            inBody++;
          } else if (inBody > 0) {
            switch (name) {
              case "s" -> {
                String c = null;
                int spaces = 1;
                for (int i = 0; i < r.getAttributeCount(); i++) {
                  if (r.getAttributeLocalName(i).equals("c")) {
                    c = r.getAttributeValue(i);
                  }
                }
                if (c != null) {
                  try {
                    spaces = Math.max(1, Math.min(1000, Integer.parseInt(c.trim())));
                  } catch (NumberFormatException e) {
                    spaces = 1;
                  }
                }
                sb.append(" ".repeat(spaces));
              }
              case "tab" -> sb.append('\t');
              case "line-break" -> sb.append('\n');
              default -> { }
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = r.getLocalName();
          if (name.equals("body")) {
            inBody--;
          } else if (inBody > 0 && (name.equals("p") || name.equals("h"))) {
            sb.append('\n');
          }
        } else if (inBody > 0 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
          sb.append(r.getText());
        }
      }
    } finally {
      r.close();
    }
    return sb.toString();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
