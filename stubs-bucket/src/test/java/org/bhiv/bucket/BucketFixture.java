package org.bhiv.bucket;

import java.util.Map;

import org.bhiv.server.testing.ServiceFixture;

/**
 * A real Bucket on a random port with one token per identity (see {@link ServiceFixture}).
 */
final class BucketFixture extends ServiceFixture {

    private BucketFixture(io.helidon.webserver.WebServer server) {
        super(server);
    }

    /** Bucket with tokens, plus these settings. */
    static BucketFixture start(Map<String, String> settings) {
        return new BucketFixture(startWithTokens(Main::start, settings));
    }

    /** Writes an event as the executor, with its own requester_id. */
    Answer writeAsExecutor(String eventDataJson) {
        return post("/core/write-event", EXECUTOR,
                "{\"requester_id\":\"workflow_executor\",\"event_data\":" + eventDataJson + "}");
    }
}
