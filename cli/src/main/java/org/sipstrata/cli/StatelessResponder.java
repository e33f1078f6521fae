package org.sipstrata.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.MessageFact;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.Responses;

/**
 * The decisions of {@code strata stateless}: a stateless UAS (RFC 3261 §8.2.7) that answers
 * OPTIONS and nothing else. A pure function from a received message to the response, if any.
 */
final class StatelessResponder {

  /** The methods this responder supports: OPTIONS answered; ACK and CANCEL ignored as §8.2.7 says. */
  static final String ALLOW = "OPTIONS, ACK, CANCEL";

  /** The methods RFC 3261 defines: recognized, so 405 rather than 501 when not supported (§8.2.1). */
  private static final Set<String> RFC3261_METHODS =
      Set.of("INVITE", "ACK", "OPTIONS", "BYE", "CANCEL", "REGISTER");

  Optional<SipResponse> answer(IncomingMessage incoming) {
    if (!(incoming.message() instanceof SipRequest request)) {
      return Optional.empty();
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.7
    //# A stateless UAS MUST ignore ACK requests.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.7
    //# A stateless UAS MUST ignore CANCEL requests.
    if (request.method().equals("ACK") || request.method().equals("CANCEL")) {
      return Optional.empty();
    }
    Optional<String> malformed = problem(request, incoming.facts());
    if (malformed.isPresent()) {
      return Optional.of(Responses.stateless(request, 400, malformed.get(), List.of()));
    }
    if (request.method().equals("OPTIONS")) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-11.2
      //# Allow, Accept, Accept-Encoding, Accept-Language, and Supported header
      //# fields SHOULD be present in a 200 (OK) response to an OPTIONS
      //# request.
      return Optional.of(Responses.stateless(request, 200, "OK", List.of(
          HeaderField.of("Allow", ALLOW),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.1
          //# An empty Accept header field means that no formats are acceptable.
          HeaderField.of("Accept", ""),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.37
          //# If empty, it means that no extensions are supported.
          HeaderField.of("Supported", ""))));
    }
    if (RFC3261_METHODS.contains(request.method())) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.1
      //# If the UAS recognizes
      //# but does not support the method of a request, it MUST generate a 405
      //# (Method Not Allowed) response.
      //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.1
      //# The UAS MUST also add an Allow
      //# header field to the 405 (Method Not Allowed) response.
      return Optional.of(Responses.stateless(request, 405, "Method Not Allowed",
          List.of(HeaderField.of("Allow", ALLOW))));
    }
    return Optional.of(Responses.stateless(request, 501, "Not Implemented",
        List.of(HeaderField.of("Allow", ALLOW))));
  }

  /** The first thing wrong with the request, as a reason phrase: a missing header, then the grammar. */
  private static Optional<String> problem(SipRequest request, List<MessageFact> facts) {
    for (MessageFact fact : facts) {
      if (fact.kind() == MessageFact.Kind.MISSING_MANDATORY_HEADER) {
        return Optional.of("Missing " + fact.header() + " (" + fact.rfcSection() + ")");
      }
    }
    List<SyntaxError> errors = request.validate();
    return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0).message());
  }
}
