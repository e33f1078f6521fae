/** Layer 3 of the stack: transactions (RFC 3261 §17, RFC 6026). */
module org.sipstrata.transaction {
  requires org.sipstrata.syntax;
  requires org.sipstrata.transport;
  // The API package org.sipstrata.transaction is exported once it holds its first public type:
  // javac refuses to export a package that has only package-info.java.
}
