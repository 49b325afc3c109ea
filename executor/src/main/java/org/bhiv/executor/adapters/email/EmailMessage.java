package org.bhiv.executor.adapters.email;

/**
 * A validated email.
 *
 * @param traceId   the decision's trace_id
 * @param messageId the deterministic {@code email_} identifier
 * @param recipient the address
 * @param subject   the subject
 * @param body      the plain-text body
 */
public record EmailMessage(String traceId, String messageId, String recipient, String subject, String body) {
}
