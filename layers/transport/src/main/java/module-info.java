/** Layer 2 of the stack: transports (RFC 3261 §18, RFC 3581, RFC 3263). */
module org.sipstrata.transport {
  requires transitive org.sipstrata.syntax;
  requires org.dnsjava;

  exports org.sipstrata.transport;
}
