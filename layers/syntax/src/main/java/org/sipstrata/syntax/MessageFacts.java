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

  /** {@link HeaderName#knownId} of each name of the list, in its order. */
  private static final int[] ID_OF_MANDATORY_IN_REQUESTS = ids(MANDATORY_IN_REQUESTS);

  private static final int[] ID_OF_MANDATORY_IN_RESPONSES = ids(MANDATORY_IN_RESPONSES);

  private static int[] ids(List<String> names) {
    return names.stream().mapToInt(name -> HeaderName.knownId(HeaderName.key(name))).toArray();
  }

  /** The facts of {@code message}, in a stable order. */
  public static List<MessageFact> of(SipMessage message) {
    List<HeaderField> rows = message.headers().all();
    long present = 0;
    long repeated = 0;
    for (HeaderField row : rows) {
      if (row.knownId() >= 0) {
        long bit = 1L << row.knownId();
        repeated |= present & bit;
        present |= bit;
      }
    }
    return of(message instanceof SipRequest, rows, present, repeated, message.bodyLength(), false);
  }

  static {
    // one bit per known header in the sets below
    if (HeaderName.KNOWN_COUNT > Long.SIZE) {
      throw new IllegalStateException(HeaderName.KNOWN_COUNT + " known headers, 64 bits");
    }
  }

  /**
   * The facts of a message from its rows and the sets of known headers ({@link
   * HeaderName#knownId} as bit number) with at least one row and with more than one, which a
   * framer collects as it goes instead of walking the rows again. {@code lengthMatches} says the
   * framer has already found one Content-Length whose value is the body length, so the value need
   * not be read again.
   */
  static List<MessageFact> of(boolean request, List<HeaderField> rows, long present,
      long repeated, int bodyLength, boolean lengthMatches) {
    List<MessageFact> facts = null;
    List<String> mandatory = request ? MANDATORY_IN_REQUESTS : MANDATORY_IN_RESPONSES;
    int[] ids = request ? ID_OF_MANDATORY_IN_REQUESTS : ID_OF_MANDATORY_IN_RESPONSES;
    for (int k = 0; k < ids.length; k++) {
      String name = mandatory.get(k);
      if ((present & (1L << ids[k])) == 0) {
        facts = add(facts, new MessageFact(MessageFact.Kind.MISSING_MANDATORY_HEADER, name,
            (request ? "a request" : "a response") + " without " + name,
            request ? "RFC 3261 §8.1.1" : "RFC 3261 §8.2.6.2"));
      }
    }
    // Only headers this class knows can be repeated wrongly; each is reported at its first row.
    long unreported = repeated;
    for (int i = 0; i < rows.size() && unreported != 0; i++) {
      int id = rows.get(i).knownId();
      if (id >= 0 && (unreported & (1L << id)) != 0) {
        unreported &= ~(1L << id);
        int count = 0;
        for (int k = i; k < rows.size(); k++) {
          count += rows.get(k).knownId() == id ? 1 : 0;
        }
        facts = repeated(rows.get(i).key(), count, facts);
      }
    }
    if ((present & (1L << CONTENT_LENGTH)) != 0 && !lengthMatches) {
      String first = null;
      boolean agree = true;
      for (int i = 0; i < rows.size() && agree; i++) {
        HeaderField row = rows.get(i);
        if (row.knownId() != CONTENT_LENGTH) {
          continue;
        }
        if (first == null) {
          first = row.value();
          for (int k = 0; k < first.length() && agree; k++) {
            agree = Ascii.isDigit(first.charAt(k));
          }
        } else {
          agree = row.value().equals(first);
        }
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
        if (!declared.equals(Integer.toString(bodyLength))) {
          facts = add(facts, new MessageFact(MessageFact.Kind.CONTENT_LENGTH_MISMATCH,
              "Content-Length", "Content-Length says " + first + " and the body has " + bodyLength
                  + " octets", "RFC 3261 §20.14"));
        }
      }
    }
    return facts == null ? List.of() : List.copyOf(facts);
  }

  private static List<MessageFact> add(List<MessageFact> facts, MessageFact fact) {
    List<MessageFact> list = facts == null ? new ArrayList<>(4) : facts;
    list.add(fact);
    return list;
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# Multiple header field rows with the same field-name MAY be present in
  //# a message if and only if the entire field-value for that header field
  //# is defined as a comma-separated list (that is, if follows the grammar
  //# defined in Section 7.3).
  private static List<MessageFact> repeated(String key, int count, List<MessageFact> facts) {
    if (count < 2) {
      return facts;
    }
    String name = HeaderName.canonical(key);
    if (HeaderName.isKnown(name) && !HeaderName.isCommaList(name)
        && !HeaderName.isNeverCombined(name) && !name.equals("Content-Length")) {
      return add(facts, new MessageFact(MessageFact.Kind.REPEATED_SINGLE_VALUE_HEADER, name,
          count + " rows of " + name + ", whose grammar is not a comma-separated list",
          "RFC 3261 §7.3.1"));
    }
    return facts;
  }
}
