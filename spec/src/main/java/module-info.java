/** Requirement catalog, citation checker and traceability report. */
module org.sipstrata.spec {
  exports org.sipstrata.spec;
}
