package org.sipstrata.tutorials.ch03;

import org.junit.jupiter.api.DisplayName;
import org.sipstrata.transport.ResponseRoutingTest;

/**
 * The grader of chapter 3's exercise: the transport layer's own §18.2.2 tests ({@link
 * ResponseRoutingTest}, from strata-transport's test jar), run here. Without a property they test
 * the transport's routing; with {@code -Dstrata.responseRouting=org.sipstrata.tutorials.ch03.YourResponseRouting}
 * they test yours.
 */
@DisplayName("Chapter 3 exercise: §18.2.2 response routing, graded by the transport layer's tests")
class ResponseRoutingGraderTest extends ResponseRoutingTest {

  ResponseRoutingGraderTest() throws Exception {
    super();
  }
}
