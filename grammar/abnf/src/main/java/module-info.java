/** ABNF reader (RFC 5234, RFC 7405), ANTLR 4 grammar emitter, extractor, and test oracle. */
module org.sipstrata.abnf {
  requires org.sipstrata.spec;

  exports org.sipstrata.abnf;
  exports org.sipstrata.abnf.oracle;
}
