package org.sipstrata.transport;

import java.util.ArrayList;
import java.util.List;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.HeaderFields;
import org.sipstrata.syntax.Identifiers;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/**
 * Responses built from a request the way a stateless UAS builds them (RFC 3261 §8.2.6, §8.2.7):
 * what the transport layer needs to answer a request it cannot pass up (§18.3: a 400), and what a
 * stateless responder needs. Not a general response builder (that belongs to the layers above).
 */
public final class Responses {

  private Responses() {}

  /**
   * A response to {@code request} built by the syntax layer's §8.2.6 builder (Via, From, To with a
   * stateless tag, Call-ID, CSeq), with {@code extra} rows added before {@code Content-Length}. The
   * reason phrase is cleaned to what the {@code Reason-Phrase} rule of §25.1 allows, because it may
   * carry the text of a parse error.
   */
  public static SipResponse stateless(
      SipRequest request, int statusCode, String reason, List<HeaderField> extra) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.7
    //# To header tags MUST be generated for responses in a stateless
    //# manner - in a manner that will generate the same tag for the
    //# same request consistently.
    String toTag = Identifiers.secure().toTagFor(request);
    SipResponse response =
        org.sipstrata.syntax.Responses.response(request, statusCode, reasonPhrase(reason), toTag);
    if (extra.isEmpty()) {
      return response;
    }
    List<HeaderField> rows = new ArrayList<>(response.headers().all());
    rows.addAll(rows.size() - 1, extra); // the builder's last row is Content-Length
    return response.withHeaders(HeaderFields.of(rows));
  }

  /**
   * {@code text} as a {@code Reason-Phrase} (§25.1): {@code *(reserved / unreserved / escaped /
   * UTF8-NONASCII / UTF8-CONT / SP / HTAB)}. Characters outside it (DQUOTE, {@code < > [ ] { } \ | ^ `
   * # %}, controls) become {@code '} for DQUOTE and {@code ?} otherwise.
   */
  public static String reasonPhrase(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && !Character.isISOControl(c)) {
        sb.append(c);
      } else if (c == '"') {
        sb.append('\'');
      } else if (c == ' ' || c == '\t' || Character.isLetterOrDigit(c)
          || ";/?:@&=+$,-_.!~*'()".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('?');
      }
    }
    return sb.toString();
  }
}
