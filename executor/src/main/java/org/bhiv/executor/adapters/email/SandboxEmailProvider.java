package org.bhiv.executor.adapters.email;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderContext;
import org.bhiv.executor.adapters.SandboxFaults;
import org.bhiv.executor.adapters.SandboxRecorder;

/**
 * Sends nothing: records the email it would have sent and answers with its identifier.
 */
final class SandboxEmailProvider implements Provider<EmailMessage, String> {

    private final SandboxRecorder recorder;
    private final SandboxFaults faults;

    SandboxEmailProvider(ProviderContext context) {
        this.recorder = context.recorder();
        this.faults = SandboxFaults.create(context.config());
    }

    @Override
    public String call(EmailMessage request) throws Exception {
        faults.apply();
        var content = new LinkedHashMap<String, Object>();
        content.put("to", request.recipient());
        content.put("subject", request.subject());
        content.put("body", request.body());
        recorder.record(request.traceId(), "email", request.messageId(), content);
        return request.messageId();
    }
}
