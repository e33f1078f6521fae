/** Requirement catalog, citation checker and traceability report. */
module org.sipstrata.spec {
  // The API package org.sipstrata.spec is exported once it holds its first public type:
  // javac refuses to export a package that has only package-info.java.
}
