package org.sipstrata.spec.internal;

import java.util.List;
import org.sipstrata.spec.RfcSection;

/**
 * The sections of RFC 3261 whose text a later RFC changed. A citation of one of them is flagged:
 * the quoted text may no longer be in force. Each entry cites the updating RFC's text that names
 * the change ("Updates: 3261" in each RFC's header).
 */
public final class UpdatedSections {

  /**
   * One change.
   *
   * @param section the RFC 3261 section that changed
   * @param rfc the updating RFC
   * @param updatingSection the section of the updating RFC that makes the change
   * @param change what changed, in a few words
   * @param from the RFC 3261 text where the changed part starts ("" for the section start)
   * @param to the RFC 3261 text that follows the changed part ("" for the section end)
   * @param replaces whether the updating RFC replaces the changed part with its own text (its
   *     requirements are then no longer in force), rather than adding to it or qualifying it
   */
  public record Update(
      String section,
      int rfc,
      String updatingSection,
      String change,
      String from,
      String to,
      boolean replaces) {

    /** A change that qualifies part of a section without replacing its text. */
    Update(String section, int rfc, String updatingSection, String change, String from, String to) {
      this(section, rfc, updatingSection, change, from, to, false);
    }

    /** A change of the whole section, qualifying it. */
    Update(String section, int rfc, String updatingSection, String change) {
      this(section, rfc, updatingSection, change, "", "", false);
    }

    /** A replacement of the text from {@code from} up to {@code to}. */
    static Update replacing(
        String section, int rfc, String updatingSection, String change, String from, String to) {
      return new Update(section, rfc, updatingSection, change, from, to, true);
    }

    /** Where the changed part lies in the normalised text of the cited section: [start, end). */
    int[] range(RfcSection cited) {
      String text = cited.normalizedText();
      int start = from.isEmpty() ? 0 : Math.max(0, text.indexOf(RfcSection.normalize(from)));
      int end = to.isEmpty() ? -1 : text.indexOf(RfcSection.normalize(to), start);
      if (end < 0) {
        end = text.length();
      }
      return new int[] {start, end};
    }

    /** Whether the part [rs, re) of the section's normalised text lies within the changed part. */
    public boolean contains(RfcSection cited, int rs, int re) {
      int[] range = range(cited);
      return rs >= 0 && range[0] <= rs && re <= range[1];
    }

    /**
     * Whether a citation of {@code section} quoting {@code quote} (normalised; "" for the whole
     * section) touches the changed part: some occurrence of the quote overlaps it.
     */
    public boolean affects(RfcSection cited, String quote) {
      String text = cited.normalizedText();
      int[] range = range(cited);
      int start = range[0];
      int end = range[1];
      if (quote.isEmpty()) {
        return true;
      }
      for (int qs = text.indexOf(quote); qs >= 0; qs = text.indexOf(quote, qs + 1)) {
        if (qs < end && qs + quote.length() > start) {
          return true;
        }
      }
      return false;
    }

    /** The URL of the updating section, in citation form. */
    public String url() {
      return "https://www.rfc-editor.org/rfc/rfc" + rfc + "#section-" + updatingSection;
    }

    /** "RFC 6026 section 8.5". */
    public String label() {
      return "RFC " + rfc + " section " + updatingSection;
    }
  }

  /** The updated RFC. */
  public static final int UPDATED_RFC = 3261;

  /** Every known change, in RFC 3261 section order. */
  public static final List<Update> UPDATES =
      List.of(
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.1
          //# Section 13.3.1.4, paragraph 4, is replaced entirely by:
          Update.replacing(
              "13.3.1.4",
              6026,
              "8.1",
              "2xx responses are passed to the transport, not the transaction",
              "Once the response has been constructed, it is passed to the INVITE",
              "Since 2xx is retransmitted end-to-end"),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.2
          //# Section 16.7, paragraphs 1 and 2, are replaced entirely by:
          Update.replacing(
              "16.7",
              6026,
              "8.2",
              "responses without a matching client transaction are discarded",
              "",
              "As client transactions pass responses to the proxy layer"),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.3
          //# Section 16.7, part 9, first paragraph.  Replace this sentence:
          Update.replacing(
              "16.7",
              6026,
              "8.3",
              "no stateless forwarding when the server transaction is gone",
              "If the server transaction is no longer available to handle the",
              "The proxy MUST maintain the response context"),
          //= https://www.rfc-editor.org/rfc/rfc4320#section-4.2
          new Update("16.7", 4320, "4.2", "no 408 and no late responses to non-INVITE requests"),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
          //# Section 17.1.1.2.  Replace paragraph 7 (starting "When in either")
          //# through the end of the section with:
          Update.replacing(
              "17.1.1.2",
              6026,
              "8.4",
              "the Accepted state of the INVITE client transaction, Figure 5",
              "When in either the \"Calling\" or \"Proceeding\" states, reception of a response"
                  + " with status code from 300-699",
              ""),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.5
          //# Section 17.2.1, paragraph 4, is replaced with:
          Update.replacing(
              "17.2.1",
              6026,
              "8.5",
              "a 2xx from the TU moves the server transaction to Accepted",
              "If, while in the \"Proceeding\" state, the TU passes a 2xx response",
              "While in the \"Proceeding\" state, if the TU passes a response with"),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.6
          //# Replace Figure 7 with:
          Update.replacing(
              "17.2.1",
              6026,
              "8.6",
              "Figure 7, INVITE server transaction",
              "|INVITE",
              "The purpose of the \"Confirmed\" state"),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
          //# In Section 17.2.1, replace the last paragraph (starting "Once the
          //# transaction") with:
          Update.replacing(
              "17.2.1",
              6026,
              "8.7",
              "the Accepted state absorbs INVITE retransmissions",
              "Once the transaction is in the \"Terminated\" state",
              ""),
          //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
          new Update("17.2.2", 4320, "4.1", "100 only, and not before Timer E reaches T2"),
          //= https://www.rfc-editor.org/rfc/rfc4320#section-4.2
          new Update("17.2.2", 4320, "4.2", "no 408 to a non-INVITE request"),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
          //# In Section 17.2.4, replace the second paragraph with:
          Update.replacing(
              "17.2.4",
              6026,
              "8.8",
              "response transport errors",
              "First, the procedures in [4] are followed",
              ""),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.9
          //# In Section 18.1.2, replace the second paragraph with:
          Update.replacing(
              "18.1.2",
              6026,
              "8.9",
              "unmatched responses at the client transport are discarded",
              "If there are any client transactions in existence",
              ""),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.10
          //# In Section 18.2.1, replace the last paragraph with:
          Update.replacing(
              "18.2.1",
              6026,
              "8.10",
              "ACKs for 2xx go to the TU",
              "Next, the server transport attempts to match the request",
              ""),
          //= https://www.rfc-editor.org/rfc/rfc5954#section-4.2
          new Update(
              "19.1.4",
              5954,
              "4.2",
              "hosts compare by binary IP address",
              "For two URIs to be equal, the user, password, host, and port",
              "A URI omitting the user component"),
          //= https://www.rfc-editor.org/rfc/rfc8217#section-3
          //# This text from introduction to Section 20 of [RFC3261]:
          new Update(
              "20",
              8217,
              "3",
              "when name-addr must be used instead of addr-spec",
              "The Contact, From, and To header fields contain a URI.",
              ""),
          //= https://www.rfc-editor.org/rfc/rfc5954#section-4.1
          new Update(
              "25.1",
              5954,
              "4.1",
              "IPv6address and IPv4address from RFC 3986",
              "IPv4address    =  1*3DIGIT",
              "port           =  1*DIGIT"),
          //= https://www.rfc-editor.org/rfc/rfc6026#section-8.11
          //# Add to Table 4:
          new Update("A", 6026, "8.11", "Timers L and M added to Table 4"));

  private UpdatedSections() {}

  /** The changes to one section of RFC 3261, empty when there are none. */
  public static List<Update> of(int rfc, String section) {
    if (rfc != UPDATED_RFC) {
      return List.of();
    }
    return UPDATES.stream().filter(u -> u.section().equals(section)).toList();
  }

  /**
   * The replacement whose replaced part holds the text [rs, re) of a section's normalised text (a
   * requirement sentence), if there is one.
   */
  public static java.util.Optional<Update> replacing(RfcSection section, int rs, int re) {
    return of(section.rfc(), section.id()).stream()
        .filter(u -> u.replaces() && u.contains(section, rs, re))
        .findFirst();
  }

  /** The changes whose changed part a citation touches (see {@link Update#affects}). */
  public static List<Update> affecting(RfcSection cited, String quote) {
    return of(cited.rfc(), cited.id()).stream().filter(u -> u.affects(cited, quote)).toList();
  }
}
