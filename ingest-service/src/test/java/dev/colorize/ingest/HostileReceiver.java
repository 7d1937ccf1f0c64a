package dev.colorize.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook endpoint that misbehaves on a plain socket after reading the request: it never answers, or
 * answers 200 with a Content-Length of a billion bytes and stalls after the first few, or sends a body
 * that never ends. Each connection is recorded with the time the service closed it, so a test sees that
 * nothing is left hanging.
 */
final class HostileReceiver implements AutoCloseable {

    enum Behaviour {
        NEVER_ANSWERS, STALLS_MID_BODY, ENDLESS_BODY
    }

    /** One request's connection: when the service closed it (null while open). */
    static final class Held {
        volatile Instant closed;
    }

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final List<Held> held = new CopyOnWriteArrayList<>();

    HostileReceiver(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-receiver-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    List<Held> held() {
        return held;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "hostile-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            readRequestHead(in);
            Held request = new Held();
            held.add(request);
            try {
                respond(socket.getOutputStream());
                while (in.read() != -1) {
                    // the request body, then nothing until the service closes the connection
                }
            } catch (IOException e) {
                // reset or broken pipe: the service closed it
            }
            request.closed = Instant.now();
        } catch (IOException e) {
            // closed before a whole request head arrived: not a delivery
        }
    }

    private void respond(OutputStream out) throws IOException {
        switch (behaviour) {
            case NEVER_ANSWERS -> {
            }
            case STALLS_MID_BODY -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n{\"received\":"));
                out.flush();
            }
            case ENDLESS_BODY -> {
                out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
                byte[] chunk = ascii("1000\r\n" + "x".repeat(0x1000) + "\r\n");
                while (true) {
                    out.write(chunk); // until the service closes the connection
                }
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = ascii("\r\n\r\n");
        while (matched < end.length) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("request head cut short");
            }
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
