package org.bhiv.executor.adapters.whatsapp;

/**
 * A validated WhatsApp text message.
 *
 * @param traceId   the decision's trace_id
 * @param messageId the deterministic {@code wa_} identifier
 * @param recipient E.164 phone number
 * @param message   the text
 */
public record WhatsAppMessage(String traceId, String messageId, String recipient, String message) {
}
