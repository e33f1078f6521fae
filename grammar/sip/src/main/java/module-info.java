/** The grammar of RFC 3261 §25 and the parser generated from it. */
module org.sipstrata.grammar {
  requires org.sipstrata.spec;
  // The API package org.sipstrata.grammar is exported once it holds its first public type:
  // javac refuses to export a package that has only package-info.java.
}
