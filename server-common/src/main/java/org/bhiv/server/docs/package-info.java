/**
 * Each service's machine-readable contract: its OpenAPI document at {@code /openapi}, Swagger UI
 * at {@code /docs}, and the table of the routes it registered, which the e2e tests hold against
 * the document.
 */
package org.bhiv.server.docs;
