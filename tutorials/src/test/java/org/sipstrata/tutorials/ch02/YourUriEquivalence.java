package org.sipstrata.tutorials.ch02;

import java.util.function.BiPredicate;
import org.sipstrata.syntax.SipUri;

/**
 * Chapter 2's exercise, to be written by you: URI comparison of RFC 3261 §19.1.4. As given it
 * compares the URIs as written, so most of the comparison tests fail against it; the default build
 * does not grade it (it grades the syntax layer's {@code SipUri.equivalentTo}). Grade it with
 * {@code ./mvnw -B -o -pl tutorials test -Dtest=UriEquivalenceGraderTest
 * -Dstrata.uriEquivalence=org.sipstrata.tutorials.ch02.YourUriEquivalence}.
 */
public final class YourUriEquivalence implements BiPredicate<SipUri, SipUri> {

  // tag::exercise[]
  @Override
  public boolean test(SipUri a, SipUri b) {
    // The components are a.secure(), a.user(), a.password(), a.host(), a.port(), a.parameters()
    // and a.headers(), each as written (escapes kept). Apply the bullets of §19.1.4 in turn.
    return a.toString().equals(b.toString());
  }
  // end::exercise[]
}
