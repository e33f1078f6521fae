/** Layer 3 of the stack: transactions (RFC 3261 §17, RFC 6026). */
module org.sipstrata.transaction {
  // Syntax is the shared vocabulary: a TU that reads this module reads syntax too.
  requires transitive org.sipstrata.syntax;
  // Transport is NOT transitive: the TU above must not reach transport (DESIGN.md "The stack").
  // Whoever assembles a stack (the cli, a test) reads both and wires the transport and its
  // Scheduler into TransactionLayer.create.
  requires org.sipstrata.transport;

  exports org.sipstrata.transaction;
}
