package org.sipstrata.transaction;

import java.util.Objects;

/**
 * What a row does, symbolically; {@link Transaction} turns each into concrete {@link Effect}s
 * with the messages and durations of the transaction at hand.
 */
public sealed interface Action {

  /** How the figures (or the text, for rows not drawn) name the action. */
  String label();

  /** Pass the transaction's request to the transport (first send or retransmission). */
  record SendRequest() implements Action {
    @Override
    public String label() {
      return "send request";
    }
  }

  /** Build the ACK for the received non-2xx final response (§17.1.1.3) and send it. */
  record SendAck() implements Action {
    @Override
    public String label() {
      return "ACK sent";
    }
  }

  /** Send the response the TU just passed, and remember it as the last response sent. */
  record SendResponse() implements Action {
    @Override
    public String label() {
      return "send response";
    }
  }

  /** Send the last response sent once more (a retransmission). */
  record ResendResponse() implements Action {
    @Override
    public String label() {
      return "resend last response";
    }
  }

  /** Send a 100 (Trying) built from the request (§8.2.6), and remember it. */
  record SendTrying() implements Action {
    @Override
    public String label() {
      return "send 100";
    }
  }

  /** Pass the event's message up to the TU. */
  record PassToTu() implements Action {
    @Override
    public String label() {
      return "pass to TU";
    }
  }

  /** Tell the TU the transaction failed. */
  record InformTu(Failure failure) implements Action {
    public InformTu {
      Objects.requireNonNull(failure);
    }

    @Override
    public String label() {
      return "inform TU (" + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }
  }

  /** Start a timer with its initial value ({@link TimerConfig#initial}). */
  record StartTimer(TimerName timer) implements Action {
    public StartTimer {
      Objects.requireNonNull(timer);
    }

    @Override
    public String label() {
      // "start B", as Figures 5-8 write it; "start Timer 100", which a reader could otherwise
      // take for a 100 being sent.
      return "start " + (timer.symbol().length() == 1 ? timer.symbol() : timer.label());
    }
  }

  /** Restart a retransmission timer with the next interval ({@link TimerConfig#next}). */
  record BackOff(TimerName timer) implements Action {
    public BackOff {
      Objects.requireNonNull(timer);
    }

    @Override
    public String label() {
      return "reset " + timer.symbol() + " (doubled" + (timer == TimerName.A ? ")" : ", at most T2)");
    }
  }

  /** Restart a retransmission timer with T2 (Timer E in "Proceeding", §17.1.2.2). */
  record ResetToT2(TimerName timer) implements Action {
    public ResetToT2 {
      Objects.requireNonNull(timer);
    }

    @Override
    public String label() {
      return "reset " + timer.symbol() + " to T2";
    }
  }
}
