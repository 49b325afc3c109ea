package org.bhiv.executor.adapters.ai;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.PayloadFields;
import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderContext;
import org.bhiv.executor.adapters.SandboxFaults;
import org.bhiv.executor.adapters.SandboxRecorder;

/**
 * Calls no model: records the prompt it would have sent and answers a fixed, deterministic
 * text from model {@code sandbox-echo}.
 */
final class SandboxAiProvider implements Provider<AiRequest, AiReply> {

    static final String MODEL = "sandbox-echo";

    private final SandboxRecorder recorder;
    private final SandboxFaults faults;

    SandboxAiProvider(ProviderContext context) {
        this.recorder = context.recorder();
        this.faults = SandboxFaults.create(context.config());
    }

    @Override
    public AiReply call(AiRequest request) throws Exception {
        faults.apply();
        var content = new LinkedHashMap<String, Object>();
        content.put("model", MODEL);
        content.put("prompt", request.prompt());
        recorder.record(request.traceId(), "ai", request.requestId(), content);
        return new AiReply("Sandbox answer to a prompt of " + PayloadFields.length(request.prompt())
                + " characters (request " + request.requestId() + ").", MODEL);
    }
}
