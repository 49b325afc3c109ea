package org.bhiv.server;

/**
 * One invalid field of a request, as listed in a problem's {@code errors}.
 *
 * @param field   the field's path, e.g. {@code data.payload.trace_id}
 * @param message what is wrong with it, in one human sentence
 */
public record FieldError(String field, String message) {
}
