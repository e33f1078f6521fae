package org.sipstrata.spec;

import java.util.List;
import java.util.Objects;

/**
 * One duvet citation block found in a source file.
 *
 * <pre>
 * //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
 * //= type=test
 * //# For any transport, the client transaction MUST start timer B with a value
 * //# of 64*T1 seconds (Timer B controls transaction timeouts).
 * </pre>
 *
 * @param file the path relative to the scanned root, with '/' separators
 * @param line the 1-based line of the {@code //=} URL line
 * @param url the URL as written
 * @param rfc the RFC number from the URL, or 0 when the URL is malformed
 * @param section the section or appendix id from the URL ("17.1.1.2", "A"), or "" when malformed
 * @param type the citation type (implementation when not given)
 * @param reason the {@code reason=} of an exception, or ""
 * @param trackingIssue the {@code tracking-issue=} of a todo, or ""
 * @param quote the {@code //#} lines joined and normalised by {@link RfcSection#normalize(String)};
 *     "" when the citation names the section without quoting it
 * @param codeLine the 1-based line of the code the citation applies to, 0 when none follows
 * @param rows the {@code //= row=...} names of a test citation: the transition-table rows the test
 *     below walks (see {@link TableRows}); empty for every other citation
 */
public record Citation(
    String file,
    int line,
    String url,
    int rfc,
    String section,
    CitationType type,
    String reason,
    String trackingIssue,
    String quote,
    int codeLine,
    List<String> rows) {

  public Citation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(trackingIssue, "trackingIssue");
    Objects.requireNonNull(quote, "quote");
    rows = List.copyOf(rows);
  }

  /** A citation that names no table row. */
  public Citation(
      String file,
      int line,
      String url,
      int rfc,
      String section,
      CitationType type,
      String reason,
      String trackingIssue,
      String quote,
      int codeLine) {
    this(file, line, url, rfc, section, type, reason, trackingIssue, quote, codeLine, List.of());
  }

  /** "path:line", the way compilers name a place. */
  public String location() {
    return file + ":" + line;
  }

  public boolean hasQuote() {
    return !quote.isEmpty();
  }
}
