package org.sipstrata.tutorials.ch02;

import org.junit.jupiter.api.DisplayName;
import org.sipstrata.syntax.UriEquivalenceTest;

/**
 * The grader of chapter 2's exercise: the syntax layer's own §19.1.4 tests ({@link
 * UriEquivalenceTest}, from strata-syntax's test jar), run here. Without a property they test
 * {@code SipUri.equivalentTo}; with {@code
 * -Dstrata.uriEquivalence=org.sipstrata.tutorials.ch02.YourUriEquivalence} they test yours.
 */
@DisplayName("Chapter 2 exercise: §19.1.4 URI comparison, graded by the syntax layer's tests")
class UriEquivalenceGraderTest extends UriEquivalenceTest {}
