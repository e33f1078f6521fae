package org.sipstrata.transaction;

import java.util.Objects;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/**
 * What can happen to a transaction (DESIGN.md "Transactions as pure state machines"): a message
 * from the TU above, a message from the transport below, a timer, or a transport error.
 */
public sealed interface Event {

  /** The TU starts a client transaction with this request (the arrow into the first state). */
  record RequestFromTu(SipRequest request) implements Event {
    public RequestFromTu {
      Objects.requireNonNull(request);
    }
  }

  /** The TU passes a response to a server transaction. */
  record ResponseFromTu(SipResponse response) implements Event {
    public ResponseFromTu {
      Objects.requireNonNull(response);
    }
  }

  /**
   * The transport delivers a request the matching rules (§17.2.3) gave to this server transaction:
   * the request that creates it, a retransmission, or an ACK.
   */
  record RequestFromTransport(SipRequest request) implements Event {
    public RequestFromTransport {
      Objects.requireNonNull(request);
    }
  }

  /** The transport delivers a response the matching rules (§17.1.3) gave to this client transaction. */
  record ResponseFromTransport(SipResponse response) implements Event {
    public ResponseFromTransport {
      Objects.requireNonNull(response);
    }
  }

  /** A timer this transaction started has fired. */
  record TimerFired(TimerName timer) implements Event {
    public TimerFired {
      Objects.requireNonNull(timer);
    }
  }

  /** The transport failed to send a message of this transaction (§17.1.4, §17.2.4). */
  record TransportError(String reason) implements Event {
    public TransportError {
      Objects.requireNonNull(reason);
    }
  }
}
