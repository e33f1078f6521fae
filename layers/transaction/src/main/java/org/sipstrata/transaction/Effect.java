package org.sipstrata.transaction;

import java.time.Duration;
import java.util.Objects;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/**
 * What a transition asks its driver to do. The state machine does no I/O; the layer's driver
 * executes these, in order.
 */
public sealed interface Effect {

  /** Pass a request (the original, a retransmission of it, or an ACK) to the transport. */
  record SendRequest(SipRequest request) implements Effect {
    public SendRequest {
      Objects.requireNonNull(request);
    }
  }

  /** Pass a response (new or retransmitted) to the transport. */
  record SendResponse(SipResponse response) implements Effect {
    public SendResponse {
      Objects.requireNonNull(response);
    }
  }

  /** Pass a message up to the TU. */
  record PassToTu(SipMessage message) implements Effect {
    public PassToTu {
      Objects.requireNonNull(message);
    }
  }

  /** Tell the TU the transaction failed. */
  record InformTu(Failure failure) implements Effect {
    public InformTu {
      Objects.requireNonNull(failure);
    }
  }

  /**
   * Start a timer; a timer of the same name still running is replaced (restarted), so the driver
   * cancels the old one first.
   */
  record StartTimer(TimerName timer, Duration after) implements Effect {
    public StartTimer {
      Objects.requireNonNull(timer);
      Objects.requireNonNull(after);
    }
  }

  /** Cancel a running timer: the state it belonged to was left. */
  record StopTimer(TimerName timer) implements Effect {
    public StopTimer {
      Objects.requireNonNull(timer);
    }
  }

  /** The transaction entered "Terminated": the driver destroys it now (§17.1.1.2, §17.2.2). */
  record Terminate() implements Effect {}
}
