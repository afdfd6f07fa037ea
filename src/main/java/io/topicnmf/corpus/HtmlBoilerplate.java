package io.topicnmf.corpus;

/**
 * What the reader removed from web pages as boilerplate: the lines (after HTML stripping, each
 * block element is a line) that most pages of the folder share, such as menus, cookie banners and
 * footers. They are text, so no filter drops them, and on a website they form a topic of their
 * own ("home about contact privacy cookies"). A line counts as shared when it appears in at least
 * half of the pages and in at least {@value #MIN_SHARED_PAGES} of them, and only folders with at
 * least {@value #MIN_PAGES} pages are examined.
 *
 * @param pages the HTML documents read (.html, .htm, or any file with {@code --html})
 * @param sharedLines distinct lines found shared and removed
 * @param linesRemoved lines removed in all, over all pages
 */
public record HtmlBoilerplate(int pages, int sharedLines, int linesRemoved) {
  /** Fewer pages than this and nothing is removed: "most pages" means little on two or three. */
  public static final int MIN_PAGES = 4;
  /** A line must be in at least this many pages (and half of them) to count as shared. */
  public static final int MIN_SHARED_PAGES = 3;
  /** The reason given for a page with nothing left but shared lines. */
  public static final String ONLY_BOILERPLATE = "empty after removing the lines most pages share (menus, footers)";

  /** Nothing examined or removed. */
  public static final HtmlBoilerplate NONE = new HtmlBoilerplate(0, 0, 0);

  /** The fewest pages a line must appear in to count as shared, for a folder of {@code pages}. */
  public static int threshold(int pages) {
    return Math.max(MIN_SHARED_PAGES, (pages + 1) / 2);
  }
}
