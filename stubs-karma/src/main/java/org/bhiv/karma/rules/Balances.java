package org.bhiv.karma.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user's karma balances, or a change to them.
 *
 * @param dharma DharmaPoints
 * @param seva   SevaPoints
 * @param punya  PunyaTokens
 */
public record Balances(@JsonProperty("DharmaPoints") long dharma,
                       @JsonProperty("SevaPoints") long seva,
                       @JsonProperty("PunyaTokens") long punya) {

    /** All zero. */
    public static final Balances ZERO = new Balances(0, 0, 0);

    /** @return the sum of both */
    public Balances plus(Balances other) {
        return new Balances(dharma + other.dharma, seva + other.seva, punya + other.punya);
    }
}
