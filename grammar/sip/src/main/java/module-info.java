/**
 * The grammar of RFC 3261 §25: the extracted ABNF, its overlay of fixes, and the ANTLR 4 parser
 * generated from them at build time. The runtime needs only the ANTLR runtime; the ABNF tool that
 * writes the grammar is a build-time dependency.
 */
module org.sipstrata.grammar {
  requires org.sipstrata.spec;
  requires org.antlr.antlr4.runtime;

  exports org.sipstrata.grammar;
}
