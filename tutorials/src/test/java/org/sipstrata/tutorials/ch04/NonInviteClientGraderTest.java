package org.sipstrata.tutorials.ch04;

import org.junit.jupiter.api.DisplayName;
import org.sipstrata.transaction.NonInviteClientTest;

/**
 * The grader of chapter 4's exercise: the transaction layer's own Figure 6 tests ({@link
 * NonInviteClientTest}, from strata-transaction's test jar: one test per arrow and one per row of
 * the table), run here. Without a property they test the table-driven reference; with {@code
 * -Dstrata.nonInviteClient=org.sipstrata.tutorials.ch04.YourNonInviteClient} they test yours.
 */
@DisplayName("Chapter 4 exercise: the non-INVITE client transaction, graded by the transaction layer's tests")
class NonInviteClientGraderTest extends NonInviteClientTest {}
