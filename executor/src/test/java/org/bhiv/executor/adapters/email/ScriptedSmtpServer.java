package org.bhiv.executor.adapters.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A small real SMTP server on a random loopback port for the replies GreenMail never gives: it
 * answers the conversation normally except for the scripted reply to {@code RCPT TO} or to the
 * end of {@code DATA} (e.g. {@code 550 5.1.1 No such user}).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String rcptReply;
    private final String dataReply;

    ScriptedSmtpServer(String rcptReply, String dataReply) throws IOException {
        this.rcptReply = rcptReply;
        this.dataReply = dataReply;
        this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.ofVirtual().start(() -> converse(client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return socket.getLocalPort();
    }

    private void converse(Socket client) {
        try (client;
             var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-scripted\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "RCPT" -> reply(out, rcptReply);
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message, discarded
                        }
                        reply(out, dataReply);
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
