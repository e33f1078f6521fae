/** Layer 1 of the stack: SIP messages, URIs and headers (RFC 3261 §7, §19, §20, §25). */
module org.sipstrata.syntax {
  requires org.sipstrata.grammar;
  // The API package org.sipstrata.syntax is exported once it holds its first public type:
  // javac refuses to export a package that has only package-info.java.
}
