package org.mvdcn.serve.receive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * An accepted socket whose input can be replaced by a stream that first replays what the gate
 * already read, so PixelMed negotiates the association from its first byte; and which remembers
 * whether a read timed out, since PixelMed turns that into an abort of its own and returns normally.
 */
final class ReplayableSocket extends Socket {

    private volatile InputStream replay;
    private volatile boolean timedOut;

    void replay(InputStream in) {
        replay = in;
    }

    /** Whether a read waited longer than the socket's timeout. */
    boolean timedOut() {
        return timedOut;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        InputStream in = replay;
        return new FilterInputStream(in != null ? in : super.getInputStream()) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (SocketTimeoutException e) {
                    timedOut = true;
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (SocketTimeoutException e) {
                    timedOut = true;
                    throw e;
                }
            }
        };
    }

    /** A server socket whose accepted sockets are replayable. */
    static final class Server extends ServerSocket {

        Server(int port) throws IOException {
            super(port);
        }

        @Override
        public ReplayableSocket accept() throws IOException {
            ReplayableSocket s = new ReplayableSocket();
            implAccept(s);
            return s;
        }
    }
}
