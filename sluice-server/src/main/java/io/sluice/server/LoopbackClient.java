package io.sluice.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The warm-up's HTTP/1.1 client: one keep-alive connection to the server's own listener at a
 * time, requests one after the other, every answer read to its end ({@code Content-Length}, which
 * every answer of the server has). Blocking sockets and no library: it compiles none of the
 * client code the JIT would then have to share the machine with, and it reconnects every
 * {@code requestsPerConnection} requests so that the server's accept and connection set-up are
 * warmed up too. Not thread-safe; one per warm-up.
 */
final class LoopbackClient implements AutoCloseable {
    /** A status and body as answered. */
    record Answer(int status, String body) {
    }

    private final InetSocketAddress address;
    private final byte[] head;
    private final int requestsPerConnection;
    private final byte[] buffer = new byte[1 << 16];
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private int sentOnConnection;

    /**
     * @param host          the listener's address; a wildcard one ({@code 0.0.0.0}, {@code ::}) is
     *                      reached on the loopback address
     * @param extraHeaders  whole header lines ({@code Name: value\r\n}) sent with every request
     */
    LoopbackClient(String host, int port, String extraHeaders, int requestsPerConnection) throws IOException {
        InetAddress target = InetAddress.getByName(host);
        this.address = new InetSocketAddress(target.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : target,
                port);
        this.head = ("Host: " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + "\r\nContent-Type: application/json\r\n" + extraHeaders).getBytes(StandardCharsets.US_ASCII);
        this.requestsPerConnection = Math.max(1, requestsPerConnection);
    }

    /**
     * POSTs {@code body} to {@code path} and reads the answer, waiting at most {@code timeoutMillis}
     * for it.
     *
     * @throws java.net.SocketTimeoutException when the answer takes longer (the connection is
     *                                         closed then)
     * @throws IOException                     when the connection fails (it is closed; the next
     *                                         request opens another)
     */
    Answer post(String path, byte[] body, int timeoutMillis) throws IOException {
        try {
            if (socket == null || sentOnConnection >= requestsPerConnection) {
                close();
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(address, Math.max(1, timeoutMillis));
                out = socket.getOutputStream();
                in = socket.getInputStream();
                sentOnConnection = 0;
            }
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            sentOnConnection++;
            out.write(("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Answer read() throws IOException {
        int n = 0;
        int headEnd = -1;
        byte[] data = buffer;
        while (headEnd < 0) {
            n = fill(data, n);
            headEnd = indexOfBlankLine(data, n);
        }
        String headText = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(headText.substring(9, 12));
        int length = 0;
        boolean closes = false;
        for (String line : headText.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (line.regionMatches(true, 0, "Connection:", 0, 11) && line.substring(11).trim()
                    .equalsIgnoreCase("close")) {
                closes = true;
            }
        }
        int bodyStart = headEnd + 4;
        if (bodyStart + length > data.length) {
            data = Arrays.copyOf(data, bodyStart + length);
        }
        while (n < bodyStart + length) {
            n = fill(data, n);
        }
        Answer answer = new Answer(status, new String(data, bodyStart, length, StandardCharsets.UTF_8));
        if (closes) {
            close();
        }
        return answer;
    }

    private int fill(byte[] data, int n) throws IOException {
        if (n == data.length) {
            throw new IOException("answer head larger than " + data.length + " bytes");
        }
        int r = in.read(data, n, data.length - n);
        if (r < 0) {
            throw new IOException("connection closed by the server");
        }
        return n + r;
    }

    private static int indexOfBlankLine(byte[] data, int length) {
        for (int i = 0; i + 3 < length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a loopback socket: nothing to do about it
            }
            socket = null;
        }
    }
}
