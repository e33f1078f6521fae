/** ABNF reader (RFC 5234, RFC 7405) and ANTLR 4 grammar emitter. */
module org.sipstrata.abnf {
  requires org.sipstrata.spec;
  // The API package org.sipstrata.abnf is exported once it holds its first public type:
  // javac refuses to export a package that has only package-info.java.
}
