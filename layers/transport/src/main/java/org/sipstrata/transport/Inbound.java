package org.sipstrata.transport;

import java.util.Collection;
import java.util.Optional;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** The receive rules shared by every {@link SipTransport}: §18.2.1 for requests, §18.1.2 for responses. */
final class Inbound {

  private Inbound() {}

  /** What to do with a framed message: pass it up, or report that it was discarded. */
  sealed interface Verdict {}

  record PassUp(IncomingMessage message) implements Verdict {}

  record Discard(TransportError error) implements Verdict {}

  static Verdict accept(FramingResult.Framed framed, Transport transport, TransportAddress source,
      TransportAddress local, Optional<Connection> connection, Collection<ViaRules.SentBy> ours) {
    SipMessage message = framed.message();
    switch (message) {
      case SipRequest request -> {
        // A request whose top Via cannot be read is passed up as it is: the layer above answers
        // 400, which can still go back on its connection.
        message = ViaRules.stampReceived(request, source).orElse(request);
      }
      case SipResponse response -> {
        if (!ViaRules.isSentByOurs(response, ours)) {
          return new Discard(new TransportError(TransportError.Kind.RESPONSE_DISCARDED, transport,
              Optional.of(source), Optional.of(response), Optional.empty(),
              "the top Via sent-by is not one this transport inserts (RFC 3261 §18.1.2)"));
        }
      }
    }
    return new PassUp(new IncomingMessage(message, transport, source, local, connection, framed.facts()));
  }
}
