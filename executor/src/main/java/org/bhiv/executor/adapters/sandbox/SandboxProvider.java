package org.bhiv.executor.adapters.sandbox;

import java.util.Map;
import java.util.function.Function;

import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderContext;

/**
 * The one body of every {@code sandbox} provider: it sends nothing, applies the configured
 * simulated failures ({@link SandboxFaults}), records what it would have sent (committed with
 * the execution, see {@link Effects}) and answers as the real provider would.
 *
 * @param <Q> what the adapter asks for
 * @param <R> what the provider answers
 */
public final class SandboxProvider<Q, R> implements Provider<Q, R> {

    /**
     * What the sandbox records of one request.
     *
     * @param traceId           the decision's trace_id
     * @param providerMessageId the identifier the sandbox answers with
     * @param content           what would have been sent
     */
    public record Send(String traceId, String providerMessageId, Map<String, Object> content) {
    }

    private final String actionType;
    private final SandboxRecorder recorder;
    private final SandboxFaults faults;
    private final Function<Q, Send> send;
    private final Function<Q, R> answer;

    private SandboxProvider(String actionType, ProviderContext context, Function<Q, Send> send, Function<Q, R> answer) {
        this.actionType = actionType;
        this.recorder = context.recorder();
        this.faults = SandboxFaults.create(context.config());
        this.send = send;
        this.answer = answer;
    }

    /**
     * @param actionType the adapter's action_type, as recorded
     * @param context    the adapter's config (its faults) and the recorder
     * @param send       what is recorded of a request
     * @param answer     what the sandbox answers to it
     * @param <Q>        request type
     * @param <R>        answer type
     * @return the provider
     */
    public static <Q, R> SandboxProvider<Q, R> of(String actionType, ProviderContext context, Function<Q, Send> send,
                                                 Function<Q, R> answer) {
        return new SandboxProvider<>(actionType, context, send, answer);
    }

    @Override
    public R call(Q request, Effects effects) throws Exception {
        faults.apply();
        Send recorded = send.apply(request);
        effects.add(recorder.recording(recorded.traceId(), actionType, recorded.providerMessageId(), recorded.content()));
        return answer.apply(request);
    }

    @Override
    public boolean reachesOutside() {
        return false;
    }
}
