/** Layer 1 of the stack: SIP messages, URIs and headers (RFC 3261 §7, §19, §20, §25). */
module org.sipstrata.syntax {
  requires org.sipstrata.grammar;

  exports org.sipstrata.syntax;
}
