package org.sipstrata.syntax;

import java.util.ArrayList;
import java.util.List;
import org.sipstrata.syntax.internal.Ascii;

/**
 * Facts about a message's header rows that RFC 4475 §3.3 asks a receiver to notice without
 * breaking: what is missing, what is repeated, what disagrees with the body. They are computed
 * from the rows as framed; no header value is parsed beyond its text.
 */
public final class MessageFacts {

  private MessageFacts() {}

  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1
  //# A valid SIP request formulated by a UAC MUST, at a minimum, contain
  //# the following header fields: To, From, CSeq, Call-ID, Max-Forwards,
  //# and Via; all of these header fields are mandatory in all SIP
  //# requests.
  private static final List<String> MANDATORY_IN_REQUESTS =
      List.of("To", "From", "CSeq", "Call-ID", "Max-Forwards", "Via");

  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
  //= type=implication
  //# The From field of the response MUST equal the From header field of
  //# the request.  The Call-ID header field of the response MUST equal the
  //# Call-ID header field of the request.  The CSeq header field of the
  //# response MUST equal the CSeq field of the request.  The Via header
  //# field values in the response MUST equal the Via header field values
  //# in the request and MUST maintain the same ordering.
  private static final List<String> MANDATORY_IN_RESPONSES =
      List.of("To", "From", "CSeq", "Call-ID", "Via");

  private static final int CONTENT_LENGTH = HeaderName.knownId("content-length");

  private static final java.util.Map<String, Integer> ID_OF_MANDATORY =
      MANDATORY_IN_REQUESTS.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
          name -> name, name -> HeaderName.knownId(HeaderName.key(name))));

  /** The facts of {@code message}, in a stable order. */
  public static List<MessageFact> of(SipMessage message) {
    List<MessageFact> facts = new ArrayList<>();
    HeaderFields headers = message.headers();
    boolean request = message instanceof SipRequest;
    List<HeaderField> rows = headers.all();
    int[] counts = new int[HeaderName.KNOWN_COUNT];
    for (HeaderField row : rows) {
      if (row.knownId() >= 0) {
        counts[row.knownId()]++;
      }
    }
    for (String name : request ? MANDATORY_IN_REQUESTS : MANDATORY_IN_RESPONSES) {
      if (counts[ID_OF_MANDATORY.get(name)] == 0) {
        facts.add(new MessageFact(MessageFact.Kind.MISSING_MANDATORY_HEADER, name,
            (request ? "a request" : "a response") + " without " + name,
            request ? "RFC 3261 §8.1.1" : "RFC 3261 §8.2.6.2"));
      }
    }
    // Only headers this class knows can be repeated wrongly; each is reported at its first row.
    boolean[] reported = new boolean[HeaderName.KNOWN_COUNT];
    List<HeaderField> lengthRows = new ArrayList<>(1);
    for (HeaderField row : rows) {
      int id = row.knownId();
      if (id < 0) {
        continue;
      }
      if (id == CONTENT_LENGTH) {
        lengthRows.add(row);
      }
      if (!reported[id]) {
        reported[id] = true;
        repeated(row.key(), counts[id], facts);
      }
    }
    String first = lengthRows.isEmpty() ? "" : lengthRows.get(0).value();
    boolean agree = !lengthRows.isEmpty();
    for (int i = 0; i < first.length() && agree; i++) {
      agree = Ascii.isDigit(first.charAt(i));
    }
    for (int i = 1; i < lengthRows.size() && agree; i++) {
      agree = lengthRows.get(i).value().equals(first);
    }
    if (agree) {
      String declared = first;
      int zeros = 0;
      while (zeros < declared.length() - 1 && declared.charAt(zeros) == '0') {
        zeros++;
      }
      declared = declared.substring(zeros);
      //= https://www.rfc-editor.org/rfc/rfc3261#section-20.14
      //# The Content-Length header field indicates the size of the message-
      //# body, in decimal number of octets, sent to the recipient.
      if (!declared.equals(Integer.toString(message.bodyLength()))) {
        facts.add(new MessageFact(MessageFact.Kind.CONTENT_LENGTH_MISMATCH, "Content-Length",
            "Content-Length says " + first + " and the body has " + message.bodyLength()
                + " octets", "RFC 3261 §20.14"));
      }
    }
    return List.copyOf(facts);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# Multiple header field rows with the same field-name MAY be present in
  //# a message if and only if the entire field-value for that header field
  //# is defined as a comma-separated list (that is, if follows the grammar
  //# defined in Section 7.3).
  private static void repeated(String key, int count, List<MessageFact> facts) {
    if (count < 2) {
      return;
    }
    String name = HeaderName.canonical(key);
    if (HeaderName.isKnown(name) && !HeaderName.isCommaList(name)
        && !HeaderName.isNeverCombined(name) && !name.equals("Content-Length")) {
      facts.add(new MessageFact(MessageFact.Kind.REPEATED_SINGLE_VALUE_HEADER, name,
          count + " rows of " + name + ", whose grammar is not a comma-separated list",
          "RFC 3261 §7.3.1"));
    }
  }
}
