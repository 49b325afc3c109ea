package org.bhiv.executor.adapters.whatsapp;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderContext;
import org.bhiv.executor.adapters.SandboxFaults;
import org.bhiv.executor.adapters.SandboxRecorder;

/**
 * Sends nothing: records the message it would have sent and answers with its identifier.
 */
final class SandboxWhatsAppProvider implements Provider<WhatsAppMessage, String> {

    private final SandboxRecorder recorder;
    private final SandboxFaults faults;

    SandboxWhatsAppProvider(ProviderContext context) {
        this.recorder = context.recorder();
        this.faults = SandboxFaults.create(context.config());
    }

    @Override
    public String call(WhatsAppMessage request) throws Exception {
        faults.apply();
        var content = new LinkedHashMap<String, Object>();
        content.put("to", request.recipient());
        content.put("type", "text");
        content.put("text", request.message());
        recorder.record(request.traceId(), "whatsapp", request.messageId(), content);
        return request.messageId();
    }
}
