/** Layer 2 of the stack: transports (RFC 3261 §18, RFC 3581, RFC 3263). */
module org.sipstrata.transport {
  requires org.sipstrata.syntax;
  // The API package org.sipstrata.transport is exported once it holds its first public type:
  // javac refuses to export a package that has only package-info.java.
}
