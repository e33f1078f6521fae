package org.sipstrata.transaction.internal;

import java.util.ArrayList;
import java.util.List;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.HeaderFields;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** The ACK an INVITE client transaction sends for a non-2xx final response (§17.1.1.3). */
public final class AckBuilder {

  private AckBuilder() {}

  /**
   * The ACK for {@code response}, a 300-699 response to {@code invite}. Header rows are copied as
   * written; a request without Via, CSeq, Call-ID, From or To (which the transaction layer never
   * sends) gives an ACK without that row.
   */
  public static SipRequest forNonSuccess(SipRequest invite, SipResponse response) {
    HeaderFields in = invite.headers();
    List<HeaderField> rows = new ArrayList<>();
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
    //# The ACK MUST contain a single Via header field, and
    //# this MUST be equal to the top Via header field of the original
    //# request.
    in.values("Via").stream().findFirst().ifPresent(top -> rows.add(HeaderField.of("Via", top)));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
    //# The ACK request constructed by the client transaction MUST contain
    //# values for the Call-ID, From, and Request-URI that are equal to the
    //# values of those header fields in the request passed to the transport
    //# by the client transaction (call this the "original request").
    in.first("From").ifPresent(rows::add);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
    //# The To
    //# header field in the ACK MUST equal the To header field in the
    //# response being acknowledged,
    response.headers().first("To").ifPresent(rows::add);
    in.first("Call-ID").ifPresent(rows::add);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
    //# The CSeq header field in the ACK MUST contain the same
    //# value for the sequence number as was present in the original request,
    //# but the method parameter MUST be equal to "ACK".
    invite.cseq().ifPresent(c -> rows.add(HeaderField.of("CSeq", c.sequenceNumber() + " ACK")));
    in.first("Max-Forwards").ifPresent(rows::add);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
    //# If the INVITE request whose response is being acknowledged had Route
    //# header fields, those header fields MUST appear in the ACK.
    rows.addAll(in.all("Route"));
    rows.add(HeaderField.of("Content-Length", "0"));
    return SipRequest.of("ACK", invite.requestUri(), HeaderFields.of(rows), new byte[0]);
  }
}
