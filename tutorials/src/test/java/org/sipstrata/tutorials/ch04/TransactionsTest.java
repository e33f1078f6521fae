package org.sipstrata.tutorials.ch04;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.Responses;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transaction.Effect;
import org.sipstrata.transaction.Event;
import org.sipstrata.transaction.Machine;
import org.sipstrata.transaction.Matching;
import org.sipstrata.transaction.Reliability;
import org.sipstrata.transaction.State;
import org.sipstrata.transaction.Step;
import org.sipstrata.transaction.TimerConfig;
import org.sipstrata.transaction.TimerName;
import org.sipstrata.transaction.Transaction;
import org.sipstrata.transaction.TransactionKey;
import org.sipstrata.transaction.TransitionTable;

/** The code of chapter 4, "Transactions": RFC 3261 §17 (with RFC 6026) on the transaction layer. */
@DisplayName("Chapter 4: Transactions")
class TransactionsTest {

  // tag::options[]
  static final SipRequest OPTIONS = (SipRequest) frame("""
      OPTIONS sip:carol@chicago.com SIP/2.0
      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877
      Max-Forwards: 70
      To: <sip:carol@chicago.com>
      From: Alice <sip:alice@atlanta.com>;tag=1928301774
      Call-ID: a84b4c76e66710
      CSeq: 63104 OPTIONS
      Content-Length: 0

      """);
  // end::options[]

  static org.sipstrata.syntax.SipMessage frame(String text) {
    byte[] octets = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    if (SipFraming.datagram(octets) instanceof FramingResult.Framed framed) {
      return framed.message();
    }
    throw new AssertionError("the example does not frame");
  }

  static SipResponse response(SipRequest request, int status) {
    return Responses.response(request, status, Responses.reasonPhrase(status).orElse("Status"),
        "99sa0xk");
  }

  @Test
  @DisplayName("Figure 6 as rows: a few rows read against the figure")
  void rows() {
    // tag::rows[]
    var figure6 = TransitionTable.rows(Machine.NON_INVITE_CLIENT);
    assertThat(figure6.get(0).toString()).isEqualTo(
        "F6.1  (start) --Request from TU [unreliable] / send request, start F, start E--> Trying"
            + "  (RFC 3261 §17.1.2.2)");
    assertThat(figure6).filteredOn(row -> row.from().isPresent()
            && row.from().get() == State.TRYING && row.to() == State.COMPLETED)
        .singleElement().hasToString(
            "F6.7  Trying --200-699 / pass to TU, start K--> Completed  (RFC 3261 §17.1.2.2)");
    // end::rows[]
  }

  @Test
  @DisplayName("Figure 6 printed from the table, one line per row")
  void text() {
    // tag::text[]
    String figure6 = TransitionTable.text(Machine.NON_INVITE_CLIENT);
    assertThat(figure6).isEqualTo("""
        Figure 6: non-INVITE client transaction (https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2)
        F6.1  (start) --Request from TU [unreliable] / send request, start F, start E--> Trying  (RFC 3261 §17.1.2.2)
        F6.2  (start) --Request from TU [reliable] / send request, start F--> Trying  (RFC 3261 §17.1.2.2)
        F6.3  Trying --Timer E fires / send request, reset E (doubled, at most T2)--> Trying  (RFC 3261 §17.1.2.2)
        F6.4  Trying --Timer F fires / inform TU (timeout)--> Terminated  (RFC 3261 §17.1.2.2)
        F6.5  Trying --Transport Err. / inform TU (transport error)--> Terminated  (RFC 3261 §17.1.4)
        F6.6  Trying --1xx / pass to TU--> Proceeding  (RFC 3261 §17.1.2.2)
        F6.7  Trying --200-699 / pass to TU, start K--> Completed  (RFC 3261 §17.1.2.2)
        F6.8  Proceeding --Timer E fires / send request, reset E to T2--> Proceeding  (RFC 3261 §17.1.2.2)
        F6.9  Proceeding --Timer F fires / inform TU (timeout)--> Terminated  (RFC 3261 §17.1.2.2)
        F6.10  Proceeding --Transport Err. / inform TU (transport error)--> Terminated  (RFC 3261 §17.1.4)
        F6.11  Proceeding --1xx / pass to TU--> Proceeding  (RFC 3261 §17.1.2.2)
        F6.12  Proceeding --200-699 / pass to TU, start K--> Completed  (RFC 3261 §17.1.2.2)
        F6.13  Completed --200-699 / ---> Completed  (RFC 3261 §17.1.2.2, text only)
        F6.14  Completed --Timer K fires / ---> Terminated  (RFC 3261 §17.1.2.2)
        """);
    // end::text[]
  }

  @Test
  @DisplayName("an OPTIONS over UDP in virtual time: Trying, E at 0.5, 1, 2, 4 s, a 200, Completed, K, Terminated")
  void drive() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If an
    //# unreliable transport is in use, the client transaction MUST set timer
    //# E to fire in T1 seconds.  If timer E fires while still in this state,
    //# the timer is reset, but this time with a value of MIN(2*T1, T2).
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# For the default values of T1 and T2, this results in
    //# intervals of 500 ms, 1 s, 2 s, 4 s, 4 s, 4 s, etc.
    // tag::drive[]
    // The TU passes the request: the creation arrow F6.1.
    Step step = Transaction.start(Machine.NON_INVITE_CLIENT, OPTIONS, Reliability.UNRELIABLE);
    assertThat(step.state()).isEqualTo(State.TRYING);
    assertThat(step.effects()).containsExactly(
        new Effect.SendRequest(OPTIONS),
        new Effect.StartTimer(TimerName.F, Duration.ofSeconds(32)),
        new Effect.StartTimer(TimerName.E, Duration.ofMillis(500)));

    // A virtual clock: the driver's job, done here by hand. Each timer fires at its deadline.
    Duration now = Duration.ZERO;
    Map<TimerName, Duration> deadlines = new EnumMap<>(TimerName.class);
    List<Duration> sentAt = new ArrayList<>();
    Transaction t = step.transaction();
    Duration responseArrives = Duration.ofMillis(7_600);
    while (true) {
      for (Effect effect : step.effects()) {
        switch (effect) {
          case Effect.SendRequest send -> sentAt.add(now);
          case Effect.StartTimer start -> deadlines.put(start.timer(), now.plus(start.after()));
          case Effect.StopTimer stop -> deadlines.remove(stop.timer());
          default -> { }
        }
      }
      // The earliest deadline fires next, unless the response comes first.
      TimerName next = deadlines.entrySet().stream()
          .min(Map.Entry.comparingByValue()).orElseThrow().getKey();
      if (deadlines.get(next).compareTo(responseArrives) > 0) {
        break;
      }
      now = deadlines.remove(next);
      step = t.on(new Event.TimerFired(next));
      t = step.transaction();
    }
    // Sent at 0, then after 500 ms, 1 s, 2 s, 4 s: the intervals double and cap at T2.
    assertThat(sentAt).extracting(Duration::toMillis)
        .containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L);

    // At 7.6 s the 200 arrives: pass it up, go to Completed, stop E and F, start K (T4 = 5 s).
    SipResponse ok = response(OPTIONS, 200);
    step = t.on(new Event.ResponseFromTransport(ok));
    assertThat(step.state()).isEqualTo(State.COMPLETED);
    assertThat(step.effects()).containsExactlyInAnyOrder(
        new Effect.StopTimer(TimerName.E), new Effect.StopTimer(TimerName.F),
        new Effect.PassToTu(ok), new Effect.StartTimer(TimerName.K, Duration.ofSeconds(5)));

    // A retransmitted 200 is absorbed: the TU already has it.
    assertThat(step.transaction().on(new Event.ResponseFromTransport(ok)).effects()).isEmpty();

    // Timer K fires: Terminated, and the driver destroys the transaction.
    step = step.transaction().on(new Event.TimerFired(TimerName.K));
    assertThat(step.state()).isEqualTo(State.TERMINATED);
    assertThat(step.effects()).containsExactly(new Effect.Terminate());
    // end::drive[]
  }

  @Test
  @DisplayName("Table 4: the timers derive from T1, T2 and T4")
  void timers() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# Once the client transaction enters the "Completed" state, it MUST set
    //# Timer K to fire in T4 seconds for unreliable transports, and zero
    //# seconds for reliable transports.
    // tag::timers[]
    TimerConfig defaults = TimerConfig.defaults();  // T1 = 500 ms, T2 = 4 s, T4 = 5 s
    assertThat(defaults.initial(TimerName.E, Reliability.UNRELIABLE)).isEqualTo(Duration.ofMillis(500));
    assertThat(defaults.next(TimerName.E, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(4));
    assertThat(defaults.next(TimerName.E, Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(4));
    assertThat(defaults.initial(TimerName.F, Reliability.UNRELIABLE)).isEqualTo(Duration.ofSeconds(32));
    assertThat(defaults.initial(TimerName.K, Reliability.UNRELIABLE)).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.initial(TimerName.K, Reliability.RELIABLE)).isEqualTo(Duration.ZERO);

    // A high-latency link: T1 = 1 s. F grows with it (64*T1), E starts at T1.
    TimerConfig slow = new TimerConfig(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(5));
    assertThat(slow.initial(TimerName.F, Reliability.UNRELIABLE)).isEqualTo(Duration.ofSeconds(64));
    assertThat(slow.initial(TimerName.E, Reliability.UNRELIABLE)).isEqualTo(Duration.ofSeconds(1));
    // end::timers[]
  }

  @Test
  @DisplayName("RFC 6026: a 2xx takes an INVITE client transaction to Accepted, with Timer M")
  void accepted() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=test
    //# If a 2xx response is
    //# received while the client INVITE state machine is in the "Calling" or
    //# "Proceeding" states, it MUST transition to the "Accepted" state, pass
    //# the 2xx response to the TU, and set Timer M to 64*T1.
    // tag::accepted[]
    SipRequest invite = (SipRequest) frame("""
        INVITE sip:bob@biloxi.com SIP/2.0
        Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff
        To: Bob <sip:bob@biloxi.com>
        From: Alice <sip:alice@atlanta.com>;tag=88sja8x
        Max-Forwards: 70
        Call-ID: 987asjd97y7atg
        CSeq: 986759 INVITE
        Content-Length: 0

        """);
    Transaction calling =
        Transaction.start(Machine.INVITE_CLIENT, invite, Reliability.UNRELIABLE).transaction();
    SipResponse ok = response(invite, 200);
    Step step = calling.on(new Event.ResponseFromTransport(ok));
    assertThat(step.state()).isEqualTo(State.ACCEPTED);
    assertThat(step.effects()).contains(new Effect.PassToTu(ok),
        new Effect.StartTimer(TimerName.M, Duration.ofSeconds(32)));
    // No ACK from the transaction: the TU acknowledges a 2xx itself.
    assertThat(step.effects()).noneMatch(e -> e instanceof Effect.SendRequest);
    // end::accepted[]
  }

  @Test
  @DisplayName("§17.1.3: a response matches by top Via branch and CSeq method")
  void matching() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3
    //= type=test
    //# The method is needed since a CANCEL request constitutes a
    //# different transaction, but shares the same value of the branch
    //# parameter.
    // tag::matching[]
    TransactionKey key = new TransactionKey.Client("z9hG4bKhjhs8ass877", "OPTIONS");
    assertThat(Matching.clientKey(OPTIONS)).isEqualTo(new Matching.Result.Key(key));
    assertThat(Matching.clientKey(response(OPTIONS, 200))).isEqualTo(new Matching.Result.Key(key));
    SipResponse toCancel = (SipResponse) frame("""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877
        To: <sip:carol@chicago.com>;tag=99sa0xk
        From: Alice <sip:alice@atlanta.com>;tag=1928301774
        Call-ID: a84b4c76e66710
        CSeq: 63104 CANCEL
        Content-Length: 0

        """);
    assertThat(Matching.clientKey(toCancel)).isNotEqualTo(new Matching.Result.Key(key));
    // end::matching[]
  }
}
