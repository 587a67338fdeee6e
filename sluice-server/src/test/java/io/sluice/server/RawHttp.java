package io.sluice.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} hides: the test chooses the chunks
 * of a chunked body, and a connection closed without a status is seen as such ({@link NoResponse})
 * rather than retried or turned into a generic error. One connection per request
 * ({@code Connection: close}); the body is written on another thread while the response is read,
 * as a real client does, so that a server answering before it has read the whole body is heard.
 */
final class RawHttp implements AutoCloseable {
    /** A complete response: status, headers (names in lower case) and the body as UTF-8. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    /** The server closed the connection, or stopped answering, before a complete response. */
    static final class NoResponse extends IOException {
        NoResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int port;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raw-http-writer");
        t.setDaemon(true);
        return t;
    });

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * POSTs {@code body} to {@code path}: with {@code Content-Length} when {@code chunk} is 0,
     * else with {@code Transfer-Encoding: chunked} in chunks of {@code chunk} bytes.
     *
     * @param writeFirst whether the whole request is written before the response is read (a naive
     *                   client), instead of both at once
     */
    Response post(String path, byte[] body, int chunk, boolean writeFirst) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            Future<?> written = writer.submit(() -> {
                try {
                    write(out, path, body, chunk);
                } catch (IOException e) {
                    // the server answered and closed before reading everything: its answer is what counts
                }
                return null;
            });
            if (writeFirst) {
                try {
                    written.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new NoResponse("could not write the request: " + e, e);
                }
            }
            try {
                return read(socket.getInputStream());
            } finally {
                written.cancel(true);
            }
        }
    }

    private static void write(OutputStream out, String path, byte[] body, int chunk) throws IOException {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Content-Type: application/json\r\nConnection: close\r\n");
        if (chunk == 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        } else {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += chunk) {
                int n = Math.min(chunk, body.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /** Reads one response; a connection that ends or stalls before it is complete is {@link NoResponse}. */
    private static Response read(InputStream in) throws NoResponse {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            int headEnd = -1;
            byte[] buf = new byte[8192];
            while (headEnd < 0) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new NoResponse("connection closed after " + got.size() + " bytes, before a status line"
                            + " and headers: [" + got.toString(StandardCharsets.ISO_8859_1) + "]", null);
                }
                got.write(buf, 0, n);
                headEnd = got.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            byte[] all = got.toByteArray();
            String[] lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new NoResponse("not an HTTP status line: " + lines[0], null);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(all, headEnd + 4, all.length - headEnd - 4);
            String length = headers.get("content-length");
            if (length == null) {
                throw new NoResponse("a response without Content-Length: " + lines[0], null);
            }
            long expected = Long.parseLong(length);
            while (body.size() < expected) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new NoResponse("connection closed after " + body.size() + " of " + expected + " body bytes", null);
                }
                body.write(buf, 0, n);
            }
            return new Response(Integer.parseInt(statusLine[1]), headers, body.toString(StandardCharsets.UTF_8));
        } catch (NoResponse e) {
            throw e;
        } catch (IOException e) {
            throw new NoResponse("connection failed after " + got.size() + " bytes: " + e, e);
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
