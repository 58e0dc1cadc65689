package org.mvdcn.serve.receive;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * An accepted socket whose input can be replaced by a stream that first replays what the gate
 * already read, so PixelMed negotiates the association from its first byte.
 */
final class ReplayableSocket extends Socket {

    private volatile InputStream replay;

    void replay(InputStream in) {
        replay = in;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        InputStream in = replay;
        return in != null ? in : super.getInputStream();
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
