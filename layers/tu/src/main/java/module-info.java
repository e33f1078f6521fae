/** Layer 4 of the stack: transaction users (RFC 3261 §8–16, §21, §22). */
module org.sipstrata.tu {
  requires org.sipstrata.syntax;
  requires org.sipstrata.transaction;
  // The API package org.sipstrata.tu is exported once it holds its first public type:
  // javac refuses to export a package that has only package-info.java.
}
