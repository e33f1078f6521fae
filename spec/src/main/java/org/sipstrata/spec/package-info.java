/**
 * Traceability: the RFC texts as sections and requirements, the citations in this project's
 * sources, and the report that joins the two.
 */
package org.sipstrata.spec;
