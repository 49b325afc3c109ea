package org.bhiv.bucket.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.bucket.BucketConfig;
import org.bhiv.bucket.BucketMeters;
import org.bhiv.bucket.audit.EventRecord;
import org.bhiv.bucket.audit.EventStore;
import org.bhiv.bucket.faults.Faults;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.LogSafe;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;

/**
 * {@code POST /core/write-event}: appends one event to the audit chain, as the proven identity,
 * if that identity is an allowed writer.
 */
public final class CoreWriteService implements HttpService {

    private static final System.Logger LOGGER = System.getLogger(CoreWriteService.class.getName());

    private final EventStore store;
    private final BucketConfig config;
    private final Faults faults;
    private final BucketMeters meters;

    /**
     * @param store  the audit store
     * @param config limits and the writers' allow-list
     * @param faults injected faults
     * @param meters counts appended events
     */
    public CoreWriteService(EventStore store, BucketConfig config, Faults faults, BucketMeters meters) {
        this.store = store;
        this.config = config;
        this.faults = faults;
        this.meters = meters;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/write-event", this::write);
    }

    private void write(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        if (!caller.open()) {
            // Refuse an unknown or non-writer token before reading the body.
            asBucketRefusal(() -> caller.require(config.writers().allowed()));
        }
        WriteRequest request = WriteRequest.parse(JsonBodies.readObject(req, config.maxBodyBytes()), config.maxEventBytes());
        String who = asBucketRefusal(() -> caller.requireRequester(request.requesterId(), config.writers().allowed()));
        faults.apply();
        EventStore.Appended appended = store.append(who, request.eventData());
        if (!appended.duplicate()) {
            meters.appended(request.eventData().path("event_type").asText(null), who);
        }
        List<String> ignored = EventRecord.overridesIn(request.eventData());
        if (!ignored.isEmpty()) {
            LOGGER.log(System.Logger.Level.WARNING, "write-event from " + who + " tried to set server-set fields "
                    + ignored + "; they were ignored");
        }
        Responses.json(res, 200, answer(appended, ignored));
    }

    private static Map<String, Object> answer(EventStore.Appended appended, List<String> ignored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", appended.duplicate() ? "Duplicate event ignored" : "Event received");
        if (appended.duplicate()) {
            body.put("duplicate", true);
        } else {
            body.put("hash", appended.record().get(EventRecord.HASH).asText());
        }
        body.put("seq", appended.seq());
        if (!ignored.isEmpty()) {
            body.put("ignored_fields", ignored);
        }
        return body;
    }

    /** A 403 from the policy becomes Bucket's {@code "Unauthorized requester"} answer. */
    private static String asBucketRefusal(Supplier<String> check) {
        try {
            return check.get();
        } catch (ProblemException e) {
            if (e.problem().status() == 403) {
                LOGGER.log(System.Logger.Level.WARNING, "write-event refused: " + LogSafe.value(e.problem().title()));
                throw ProblemException.of(e.problem().with("message", "Unauthorized requester"));
            }
            throw e;
        }
    }
}
