package org.sipstrata.tutorials.ch04;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.transaction.Event;
import org.sipstrata.transaction.NonInviteClient;
import org.sipstrata.transaction.Reliability;
import org.sipstrata.transaction.State;
import org.sipstrata.transaction.TimerConfig;
import org.sipstrata.transaction.TimerName;

/**
 * Chapter 4's exercise, to be written by you: the non-INVITE client transaction of RFC 3261
 * §17.1.2 (Figure 6). As given it stays in "Trying" and does nothing, so the Figure 6 tests fail
 * against it; the default build does not test it (it tests the table-driven reference). Grade it
 * with {@code ./mvnw -B -o -pl tutorials test -Dtest=NonInviteClientGraderTest
 * -Dstrata.nonInviteClient=org.sipstrata.tutorials.ch04.YourNonInviteClient}.
 */
public final class YourNonInviteClient implements NonInviteClient {

  // tag::exercise[]
  @Override
  public Next start(SipRequest request, Reliability reliability, TimerConfig timers) {
    // The creation arrow: send the request, start Timer F (64*T1) and, over UDP, Timer E (T1).
    return new Next(new Running(State.TRYING, Map.of()), List.of());
  }

  /** One transaction as a value: add what you need (the request, the reliability, the timers). */
  record Running(State state, Map<TimerName, Duration> runningTimers)
      implements NonInviteClient.Running {

    @Override
    public Next on(Event event) {
      // One case per arrow of Figure 6: Timer E, Timer F, a transport error, 1xx, 200-699, Timer K.
      return new Next(this, List.of());
    }
  }
  // end::exercise[]
}
