package org.sipstrata.transaction;

import java.util.Objects;

/**
 * The event pattern of a row: which {@link Event}s fire the arrow. Matching a message to a
 * transaction (§17.1.3, §17.2.3) happens before: a trigger only looks at what kind of message it
 * is and its status class.
 */
public sealed interface Trigger {

  /** Whether {@code event} fits this pattern for a transaction whose request has {@code method}. */
  boolean matches(Event event, String method);

  /** The label as the figure of {@code machine} writes it, e.g. {@code "Timer A fires"}. */
  String label(Machine machine);

  /** The TU passes the request that starts a client transaction. */
  record RequestFromTu() implements Trigger {
    @Override
    public boolean matches(Event event, String method) {
      return event instanceof Event.RequestFromTu;
    }

    @Override
    public String label(Machine machine) {
      return machine.isInvite() ? "INVITE from TU" : "Request from TU";
    }
  }

  /** The TU passes a response in {@code range}. */
  record ResponseFromTu(StatusRange range) implements Trigger {
    public ResponseFromTu {
      Objects.requireNonNull(range);
    }

    @Override
    public boolean matches(Event event, String method) {
      return event instanceof Event.ResponseFromTu r && range.contains(r.response().statusCode());
    }

    @Override
    public String label(Machine machine) {
      return range.label() + " from TU";
    }
  }

  /**
   * The transport passes a request of the transaction's own method: the request that creates a
   * server transaction, or a retransmission of it.
   */
  record Request() implements Trigger {
    @Override
    public boolean matches(Event event, String method) {
      return event instanceof Event.RequestFromTransport r && r.request().method().equals(method);
    }

    @Override
    public String label(Machine machine) {
      return machine.isInvite() ? "INVITE" : "Request";
    }
  }

  /** The transport passes an ACK matched to an INVITE server transaction. */
  record Ack() implements Trigger {
    @Override
    public boolean matches(Event event, String method) {
      return event instanceof Event.RequestFromTransport r && r.request().method().equals("ACK");
    }

    @Override
    public String label(Machine machine) {
      return "ACK";
    }
  }

  /** The transport passes a response in {@code range}. */
  record Response(StatusRange range) implements Trigger {
    public Response {
      Objects.requireNonNull(range);
    }

    @Override
    public boolean matches(Event event, String method) {
      return event instanceof Event.ResponseFromTransport r
          && range.contains(r.response().statusCode());
    }

    @Override
    public String label(Machine machine) {
      return range.label();
    }
  }

  /** A timer fires. */
  record Timer(TimerName timer) implements Trigger {
    public Timer {
      Objects.requireNonNull(timer);
    }

    @Override
    public boolean matches(Event event, String method) {
      return event instanceof Event.TimerFired t && t.timer() == timer;
    }

    @Override
    public String label(Machine machine) {
      return timer.label() + " fires";
    }
  }

  /** The transport reports a failure to send. */
  record TransportError() implements Trigger {
    @Override
    public boolean matches(Event event, String method) {
      return event instanceof Event.TransportError;
    }

    @Override
    public String label(Machine machine) {
      return "Transport Err.";
    }
  }
}
