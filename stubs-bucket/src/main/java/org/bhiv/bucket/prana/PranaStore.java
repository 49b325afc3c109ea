package org.bhiv.bucket.prana;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PRANA packets in memory, bounded: telemetry is not audit, so when full the oldest packet is
 * dropped (and counted) to make room.
 */
final class PranaStore {

    private final Deque<ObjectNode> packets = new ArrayDeque<>();
    private final Map<String, Long> packetsByUser = new HashMap<>();
    private final int maxPackets;
    private final Clock clock;
    private long received;
    private long dropped;

    PranaStore(int maxPackets, Clock clock) {
        this.maxPackets = maxPackets;
        this.clock = clock;
    }

    synchronized void add(ObjectNode packet) {
        ObjectNode stored = packet.deepCopy();
        stored.put("received_at", Instant.now(clock).toString());
        if (packets.size() >= maxPackets) {
            packets.removeFirst();
            dropped++;
        }
        packets.addLast(stored);
        packetsByUser.merge(packet.get("user_id").asText(), 1L, Long::sum);
        received++;
    }

    synchronized List<ObjectNode> last(Predicate<ObjectNode> filter, int limit) {
        List<ObjectNode> matching = packets.stream().filter(filter).toList();
        return matching.subList(Math.max(0, matching.size() - limit), matching.size()).stream()
                .map(ObjectNode::deepCopy).toList();
    }

    synchronized long received() {
        return received;
    }

    synchronized int users() {
        return packetsByUser.size();
    }

    synchronized Map<String, Object> stats() {
        Map<String, Long> bySystem = new TreeMap<>();
        Map<String, Long> byState = new TreeMap<>();
        double focusSum = 0;
        for (ObjectNode p : packets) {
            bySystem.merge(p.get("system_type").asText(), 1L, Long::sum);
            byState.merge(p.get("cognitive_state").asText(), 1L, Long::sum);
            focusSum += p.get("focus_score").asDouble();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("packets_received", received);
        stats.put("packets_stored", packets.size());
        stats.put("packets_dropped", dropped);
        stats.put("users_tracked", packetsByUser.size());
        stats.put("by_system_type", bySystem);
        stats.put("by_cognitive_state", byState);
        stats.put("average_focus_score", packets.isEmpty() ? null : Math.round(focusSum / packets.size() * 100) / 100.0);
        return stats;
    }
}
