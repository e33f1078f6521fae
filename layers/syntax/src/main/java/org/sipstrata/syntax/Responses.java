package org.sipstrata.syntax;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Responses to a request, built as §8.2.6 says (RFC 3261).
 *
 * <p>The rows the response must copy are copied as rows ({@link HeaderField}), so their octets are
 * exactly the request's: "MUST equal" holds byte for byte, not only after parsing.
 */
public final class Responses {

  private Responses() {}

  /** The Reason-Phrases of RFC 3261 §21, by Status-Code. */
  private static final Map<Integer, String> REASON_PHRASES = Map.ofEntries(
      Map.entry(100, "Trying"),
      Map.entry(180, "Ringing"),
      Map.entry(181, "Call Is Being Forwarded"),
      Map.entry(182, "Queued"),
      Map.entry(183, "Session Progress"),
      Map.entry(200, "OK"),
      Map.entry(300, "Multiple Choices"),
      Map.entry(301, "Moved Permanently"),
      Map.entry(302, "Moved Temporarily"),
      Map.entry(305, "Use Proxy"),
      Map.entry(380, "Alternative Service"),
      Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"),
      Map.entry(402, "Payment Required"),
      Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"),
      Map.entry(406, "Not Acceptable"),
      Map.entry(407, "Proxy Authentication Required"),
      Map.entry(408, "Request Timeout"),
      Map.entry(410, "Gone"),
      Map.entry(413, "Request Entity Too Large"),
      Map.entry(414, "Request-URI Too Long"),
      Map.entry(415, "Unsupported Media Type"),
      Map.entry(416, "Unsupported URI Scheme"),
      Map.entry(420, "Bad Extension"),
      Map.entry(421, "Extension Required"),
      Map.entry(423, "Interval Too Brief"),
      Map.entry(480, "Temporarily Unavailable"),
      Map.entry(481, "Call/Transaction Does Not Exist"),
      Map.entry(482, "Loop Detected"),
      Map.entry(483, "Too Many Hops"),
      Map.entry(484, "Address Incomplete"),
      Map.entry(485, "Ambiguous"),
      Map.entry(486, "Busy Here"),
      Map.entry(487, "Request Terminated"),
      Map.entry(488, "Not Acceptable Here"),
      Map.entry(491, "Request Pending"),
      Map.entry(493, "Undecipherable"),
      Map.entry(500, "Server Internal Error"),
      Map.entry(501, "Not Implemented"),
      Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Server Time-out"),
      Map.entry(505, "Version Not Supported"),
      Map.entry(513, "Message Too Large"),
      Map.entry(600, "Busy Everywhere"),
      Map.entry(603, "Decline"),
      Map.entry(604, "Does Not Exist Anywhere"),
      Map.entry(606, "Not Acceptable")
  );

  /** The Reason-Phrase §21 gives for a Status-Code, when it defines the code. */
  public static Optional<String> reasonPhrase(int statusCode) {
    return Optional.ofNullable(REASON_PHRASES.get(statusCode));
  }

  /**
   * A response to {@code request} with the §21 Reason-Phrase (or none for a code §21 does not
   * define) and, when the request's To has no tag and the code is not 100, the To tag
   * {@link Identifiers#toTagFor} gives — the same for every response to the request.
   */
  public static SipResponse response(SipRequest request, int statusCode) {
    return response(request, statusCode, reasonPhrase(statusCode).orElse(""),
        Identifiers.secure().toTagFor(request));
  }

  /**
   * A response to {@code request}: Via (every row, in order), From, To, Call-ID, CSeq copied;
   * for a 100 (Trying) also Timestamp; a To tag added when the request's To has none (not for 100);
   * {@code Content-Length: 0}.
   *
   * @param toTag the tag to add to To when the request's To has none; the caller uses the same tag
   *     for every response to one request
   */
  public static SipResponse response(SipRequest request, int statusCode, String reasonPhrase,
      String toTag) {
    HeaderFields in = request.headers();
    java.util.ArrayList<HeaderField> rows = new java.util.ArrayList<>();
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
    //# The Via header
    //# field values in the response MUST equal the Via header field values
    //# in the request and MUST maintain the same ordering.
    rows.addAll(in.all("Via"));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
    //# The From field of the response MUST equal the From header field of
    //# the request.
    rows.addAll(in.all("From").stream().limit(1).toList());
    rows.addAll(toRows(request, statusCode, toTag));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
    //# The Call-ID header field of the response MUST equal the
    //# Call-ID header field of the request.
    rows.addAll(in.all("Call-ID").stream().limit(1).toList());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
    //# The CSeq header field of the
    //# response MUST equal the CSeq field of the request.
    rows.addAll(in.all("CSeq").stream().limit(1).toList());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.1
    //# When a 100 (Trying) response is generated, any Timestamp header field
    //# present in the request MUST be copied into this 100 (Trying)
    //# response.
    if (statusCode == 100) {
      rows.addAll(in.all("Timestamp"));
    }
    rows.add(HeaderField.of("Content-Length", "0"));
    return SipResponse.of(statusCode, reasonPhrase, HeaderFields.of(rows), new byte[0]);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
  //# If a request contained a To tag in the request, the To header field
  //# in the response MUST equal that of the request.  However, if the To
  //# header field in the request did not contain a tag, the URI in the To
  //# header field in the response MUST equal the URI in the To header
  //# field; additionally, the UAS MUST add a tag to the To header field in
  //# the response (with the exception of the 100 (Trying) response, in
  //# which a tag MAY be present).
  private static List<HeaderField> toRows(SipRequest request, int statusCode, String toTag) {
    Optional<HeaderField> to = request.header("To");
    if (to.isEmpty()) {
      return List.of();
    }
    if (statusCode == 100 || request.to().toOptional().flatMap(NameAddress::tag).isPresent()) {
      return List.of(to.get());
    }
    // To = ( name-addr / addr-spec ) *( SEMI to-param ): a parameter appended at the end belongs
    // to the header in both forms, so the URI is kept exactly as written.
    return List.of(HeaderField.of(to.get().name(), to.get().value() + ";tag=" + toTag));
  }
}
