package org.bhiv.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code trace <trace_id>} and {@code send <action_type> [field=value ...]}; see
 * {@link TraceCommand} and {@link SendCommand}. Exits with an {@link ExitCode}.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err).code());
    }

    static ExitCode run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        StackEndpoints stack = StackEndpoints.from(env);
        StackHttp http = new StackHttp();
        try {
            if (args.size() == 2 && args.getFirst().equals("trace")) {
                return new TraceCommand(stack, http).run(args.get(1), out);
            }
            if (args.size() >= 2 && args.getFirst().equals("send")) {
                return new SendCommand(stack, http).run(SendCommand.request(args.get(1), args.subList(2, args.size())), out);
            }
        } catch (IllegalArgumentException e) {
            err.println("stack: " + e.getMessage());
            return usage(err);
        } catch (StackHttp.Unreachable e) {
            err.println("stack: " + e.getMessage() + "; is the stack running? (bin/stack status)");
            return ExitCode.UNREACHABLE;
        }
        return usage(err);
    }

    private static ExitCode usage(PrintStream err) {
        err.println("usage: bin/stack trace <trace_id>");
        err.println("       bin/stack send <action_type> [field=value ...]   action types: "
                + String.join(", ", new TreeSet<>(SendCommand.SAMPLES.keySet())));
        err.println("exit codes: 0 done, 1 not found / failed / refused, 2 usage, 3 a service did not answer");
        return ExitCode.USAGE;
    }
}
