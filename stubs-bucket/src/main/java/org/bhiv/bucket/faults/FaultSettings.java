package org.bhiv.bucket.faults;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.FieldError;
import org.bhiv.server.ProblemException;

/**
 * Faults injected into {@code POST /core/write-event}: first a delay, then, with probability
 * {@code failRate}, a refusal with {@code failStatus}.
 *
 * @param delayMs    added latency, 0..60000
 * @param failStatus status of an injected failure, 400..599 ({@code null} = none)
 * @param failRate   probability of a failure, 0..1
 */
public record FaultSettings(@JsonProperty("delay_ms") long delayMs,
                            @JsonProperty("fail_status") Integer failStatus,
                            @JsonProperty("fail_rate") double failRate) {

    /** No fault. */
    public static final FaultSettings NONE = new FaultSettings(0, null, 0);

    /**
     * Reads and validates {@code {"delay_ms", "fail_status", "fail_rate"}}; every member is optional.
     *
     * @param body the request body
     * @return the settings
     * @throws ProblemException 422 listing every invalid member
     */
    public static FaultSettings parse(ObjectNode body) {
        List<FieldError> errors = new ArrayList<>();
        long delay = integer(body, "delay_ms", 0, 0, 60_000, errors);
        long status = integer(body, "fail_status", -1, 400, 599, errors);
        double rate = 0;
        JsonNode rateNode = body.get("fail_rate");
        if (rateNode != null && !rateNode.isNull()) {
            if (!rateNode.isNumber() || rateNode.asDouble() < 0 || rateNode.asDouble() > 1) {
                errors.add(new FieldError("fail_rate", "must be a number from 0 to 1"));
            } else {
                rate = rateNode.asDouble();
            }
        }
        if (rate > 0 && status < 0) {
            errors.add(new FieldError("fail_status", "is required when fail_rate is above 0"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("invalid_faults", errors);
        }
        return new FaultSettings(delay, status < 0 ? null : (int) status, rate);
    }

    private static long integer(ObjectNode body, String field, long absent, long min, long max, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.canConvertToExactIntegral() || node.asLong() < min || node.asLong() > max) {
            errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
            return absent;
        }
        return node.asLong();
    }
}
