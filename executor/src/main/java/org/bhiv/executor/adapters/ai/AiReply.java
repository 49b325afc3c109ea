package org.bhiv.executor.adapters.ai;

/**
 * What the model answered.
 *
 * @param response the model's text
 * @param model    the model's name
 */
public record AiReply(String response, String model) {
}
